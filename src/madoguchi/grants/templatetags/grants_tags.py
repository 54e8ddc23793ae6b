from django import template

from madoguchi.grants import display
from madoguchi.grants.models import Subsidy

register = template.Library()


@register.filter
def yen(amount: int | None) -> str:
    return display.yen(amount)


@register.simple_tag
def subsidy_deadline(subsidy: Subsidy) -> display.Deadline:
    return display.deadline(subsidy)
