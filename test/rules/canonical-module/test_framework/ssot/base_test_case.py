class SSotBaseTestCase:
    pass


BaseTestCase = SSotBaseTestCase
