"""補助金の申請: the subsidy application lifecycle, from draft to payment (issue 6).

Writes go through ``services`` (one module per use case), reads through ``selectors``; the state
machine lives on ``models.Application`` (django-fsm-2), each transition naming who may fire it.
"""
