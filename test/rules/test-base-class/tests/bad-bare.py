"""Plain pytest classes."""
import pytest


class TestParsing:
    def test_int(self):
        assert int("1") == 1


class TestFormatting():
    def test_str(self):
        assert str(1) == "1"
