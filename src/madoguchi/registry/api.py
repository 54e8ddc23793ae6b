"""JSON API of the registry: /api/v1/corporations."""

from ninja import Router

router = Router()
