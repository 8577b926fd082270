from unittest.mock import MagicMock, patch


# Mock justification: the mail server is external and has no test instance.
@patch("app.mailer.send")
def test_sends(send):
    # Justification: a real socket would make the test depend on the network.
    client = MagicMock()
    assert client and send
