"""The forms engine and low-code procedures (the gBizFORM equivalent)."""
