from unittest.mock import MagicMock, patch
from unittest import mock


@patch("app.mailer.send")
def test_sends(send):
    client = MagicMock(spec=object)
    with mock.patch.object(client, "close"):
        assert send


def test_helpers():
    # Mock() in a comment is not a mock
    text = "Mock()"
    assert text
