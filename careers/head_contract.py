"""Whether a base template gives careers pages a place in ``<head>`` (system check W003)."""

from django.template import Template as DjangoTemplate
from django.template.library import SimpleNode
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode, IncludeNode

HEAD_BLOCK = "careers_head"


def offers_head(name):
    """True when the template ``name`` (or a template it extends or includes by a constant
    name) has ``{% careers_head %}`` or ``{% block careers_head %}``; False when it certainly
    has neither; None when that cannot be known (not a Django template, a name worked out at
    render time)."""
    template = getattr(get_template(name), "template", None)
    if not isinstance(template, DjangoTemplate):
        return None
    return _offers_head(template, seen=set())


def _offers_head(template, seen):
    if template.origin.name in seen:
        return False
    seen.add(template.origin.name)
    nodelist = template.nodelist
    for node in nodelist.get_nodes_by_type(BlockNode):
        if node.name == HEAD_BLOCK:
            return True
    for node in nodelist.get_nodes_by_type(SimpleNode):
        if getattr(node.func, "__name__", "") == HEAD_BLOCK:
            return True
    unknown = False
    for node in nodelist.get_nodes_by_type(ExtendsNode) + nodelist.get_nodes_by_type(IncludeNode):
        expression = node.parent_name if isinstance(node, ExtendsNode) else node.template
        other = _constant_template(expression)
        if other is None:
            unknown = True
            continue
        found = _offers_head(other, seen)
        if found:
            return True
        unknown = unknown or found is None
    return None if unknown else False


def _constant_template(expression):
    value = getattr(expression, "var", None)
    if expression is None or expression.filters or not isinstance(value, str):
        return None
    try:
        template = getattr(get_template(value), "template", None)
    except Exception:  # noqa: BLE001 - reported when the page renders
        return None
    return template if isinstance(template, DjangoTemplate) else None
