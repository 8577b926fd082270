from typing import Generic, TypeVar

T = TypeVar("T")


class Mixin:
    pass


class Helper(Mixin, Generic[T], metaclass=type):
    pass
