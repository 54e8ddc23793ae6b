"""The project's own JSON API (django-ninja), OpenAPI document at /api/v1/openapi.json, docs at /api/v1/docs."""

from ninja import NinjaAPI

from madoguchi.core.api import BoundedParser
from madoguchi.grants.api import router as grants_router
from madoguchi.registry.api import router as registry_router

api = NinjaAPI(
    title="Madoguchi API",
    version="1",
    description=(
        "窓口（Madoguchi）の API。法人番号の登録簿などを JSON で提供します。"
        "入力の誤りは 422、使用できない文字（NUL 文字などの制御文字）や UTF-8 として読めない要求は"
        "各エンドポイントに届く前に 400 で断ります（どちらも同じ形の日本語のエラー）。"
    ),
    urls_namespace="api-v1",
    parser=BoundedParser(),
)
api.add_router("/corporations", registry_router, tags=["registry"])
api.add_router("/subsidies", grants_router, tags=["grants"])
