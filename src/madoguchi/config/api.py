"""The project's own JSON API (django-ninja), OpenAPI document at /api/v1/openapi.json, docs at /api/v1/docs."""

from ninja import NinjaAPI

from madoguchi.grants.api import router as grants_router
from madoguchi.registry.api import router as registry_router

api = NinjaAPI(
    title="Madoguchi API",
    version="1",
    description="窓口（Madoguchi）の API。法人番号の登録簿などを JSON で提供します。",
    urls_namespace="api-v1",
)
api.add_router("/corporations", registry_router, tags=["registry"])
api.add_router("/subsidies", grants_router, tags=["grants"])
