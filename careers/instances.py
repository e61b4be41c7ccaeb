"""Model instances made from values already read, as the database would give them, without
running each model's ``__init__`` when nothing but Django's, Wagtail's and modelcluster's would
run: cards and language versions are made from a few columns of the listing index or the page
table (:mod:`careers.specific`, :func:`careers.languages.page_versions`)."""

import functools
import inspect

from django.db.models.base import ModelState
from django.db.models.fields.related_descriptors import ForeignKeyDeferredAttribute
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_init, pre_init


def partial_instance(model, values, db):
    """An instance of ``model`` as database ``db`` would give it with only ``values`` read
    (``{attname: value}``): its other columns deferred.

    ``Model.from_db`` runs the model's ``__init__``, which visits each of a posting's seventy
    columns (90 µs an instance; a JSON Feed makes 250). When nothing but Django's, Wagtail's
    and modelcluster's own ``__init__`` would run (they only set defaults on a page without
    an id), and nothing listens to ``pre_init`` or ``post_init`` for the model, the instance is
    made as ``__init__`` would leave it, at about 2 µs: the values are stored where each column's
    attribute keeps them, through the attribute where it does more than store (a country
    field's cleaning, say). Otherwise it is made by ``from_db``.
    """
    values = dict(values)
    for attname in parent_links(model):  # multi-table inheritance
        values[attname] = values["id"]
    if not plain_init(model) or pre_init.has_listeners(model) or post_init.has_listeners(model):
        columns = [f.attname for f in model._meta.concrete_fields if f.attname in values]
        return model.from_db(db, columns, [values[name] for name in columns])
    instance = model.__new__(model)
    instance._state = ModelState()
    instance._state.adding = False
    instance._state.db = db
    # Only the few values given are visited, not the model's every column.
    stored, columns = storing_attributes(model), column_names(model)
    for name, value in values.items():
        if name in stored:
            instance.__dict__[name] = value
        elif name in columns:
            setattr(instance, name, value)
    return instance


#: Whose ``__init__`` may be skipped: for an instance with an id, those of these packages'
#: models only call the next one (see :func:`partial_instance`).
PLAIN_INIT_PACKAGES = {"builtins", "django", "wagtail", "modelcluster"}

#: Column attributes that only store the value they are given.
STORING_ATTRIBUTES = (DeferredAttribute, ForeignKeyDeferredAttribute)


@functools.cache
def plain_init(model):
    """Whether each ``__init__`` of ``model`` and its bases is from ``PLAIN_INIT_PACKAGES``."""
    return all(
        klass.__module__.partition(".")[0] in PLAIN_INIT_PACKAGES
        for klass in model.__mro__
        if "__init__" in vars(klass)
    )


@functools.cache
def parent_links(model):
    """The attnames of ``model``'s links to its parents' rows (multi-table inheritance), which
    hold its id."""
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if field.one_to_one and field.remote_field.parent_link
    )


@functools.cache
def column_names(model):
    """The attnames of ``model``'s columns."""
    return frozenset(field.attname for field in model._meta.concrete_fields)


@functools.cache
def storing_attributes(model):
    """The attnames of ``model``'s columns whose class attribute only stores a value (the
    others are set through their attribute)."""
    return frozenset(
        field.attname
        for field in model._meta.concrete_fields
        if type(inspect.getattr_static(model, field.attname, None)) in STORING_ATTRIBUTES
    )
