"""An attribute that may be given a function making its value, called when first read."""


class MadeWhenRead:
    """A class attribute whose value, when set to a function, is made by calling it the first
    time it is read: the listing's rows are made only when a page of them is cut or they are
    filtered (``PostingFilterSet.queryset``, ``RowsPaginator.object_list``), which a listing
    served from the cache never does. Any other value is kept as it is (a QuerySet is not
    callable)."""

    def __set_name__(self, owner, name):
        self.name = f"_{name}_made_when_read"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name]
        if callable(value):
            value = instance.__dict__[self.name] = value()
        return value

    def __set__(self, instance, value):
        instance.__dict__[self.name] = value
