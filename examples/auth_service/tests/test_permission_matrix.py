"""Permission matrix: one small test per role and action."""

from test_framework.ssot.base_test_case import SSotBaseTestCase


class TestPermissionMatrix(SSotBaseTestCase):
    def test_admin_read_0(self):
        allowed = "admin" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "read" == "read")

    def test_owner_read_1(self):
        allowed = "owner" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "read" == "read")

    def test_member_read_2(self):
        allowed = "member" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "read" == "read")

    def test_guest_read_3(self):
        allowed = "guest" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "read" == "read")

    def test_auditor_read_4(self):
        allowed = "auditor" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "read" == "read")

    def test_admin_write_5(self):
        allowed = "admin" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "write" == "read")

    def test_owner_write_6(self):
        allowed = "owner" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "write" == "read")

    def test_member_write_7(self):
        allowed = "member" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "write" == "read")

    def test_guest_write_8(self):
        allowed = "guest" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "write" == "read")

    def test_auditor_write_9(self):
        allowed = "auditor" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "write" == "read")

    def test_admin_delete_10(self):
        allowed = "admin" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "delete" == "read")

    def test_owner_delete_11(self):
        allowed = "owner" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "delete" == "read")

    def test_member_delete_12(self):
        allowed = "member" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "delete" == "read")

    def test_guest_delete_13(self):
        allowed = "guest" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "delete" == "read")

    def test_auditor_delete_14(self):
        allowed = "auditor" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "delete" == "read")

    def test_admin_share_15(self):
        allowed = "admin" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "share" == "read")

    def test_owner_share_16(self):
        allowed = "owner" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "share" == "read")

    def test_member_share_17(self):
        allowed = "member" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "share" == "read")

    def test_guest_share_18(self):
        allowed = "guest" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "share" == "read")

    def test_auditor_share_19(self):
        allowed = "auditor" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "share" == "read")

    def test_admin_export_20(self):
        allowed = "admin" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "export" == "read")

    def test_owner_export_21(self):
        allowed = "owner" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "export" == "read")

    def test_member_export_22(self):
        allowed = "member" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "export" == "read")

    def test_guest_export_23(self):
        allowed = "guest" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "export" == "read")

    def test_auditor_export_24(self):
        allowed = "auditor" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "export" == "read")

    def test_admin_invite_25(self):
        allowed = "admin" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "invite" == "read")

    def test_owner_invite_26(self):
        allowed = "owner" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "invite" == "read")

    def test_member_invite_27(self):
        allowed = "member" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "invite" == "read")

    def test_guest_invite_28(self):
        allowed = "guest" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "invite" == "read")

    def test_auditor_invite_29(self):
        allowed = "auditor" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "invite" == "read")

    def test_admin_archive_30(self):
        allowed = "admin" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "archive" == "read")

    def test_owner_archive_31(self):
        allowed = "owner" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "archive" == "read")

    def test_member_archive_32(self):
        allowed = "member" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "archive" == "read")

    def test_guest_archive_33(self):
        allowed = "guest" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "archive" == "read")

    def test_auditor_archive_34(self):
        allowed = "auditor" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "archive" == "read")

    def test_admin_read_35(self):
        allowed = "admin" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "read" == "read")

    def test_owner_read_36(self):
        allowed = "owner" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "read" == "read")

    def test_member_read_37(self):
        allowed = "member" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "read" == "read")

    def test_guest_read_38(self):
        allowed = "guest" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "read" == "read")

    def test_auditor_read_39(self):
        allowed = "auditor" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "read" == "read")

    def test_admin_write_40(self):
        allowed = "admin" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "write" == "read")

    def test_owner_write_41(self):
        allowed = "owner" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "write" == "read")

    def test_member_write_42(self):
        allowed = "member" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "write" == "read")

    def test_guest_write_43(self):
        allowed = "guest" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "write" == "read")

    def test_auditor_write_44(self):
        allowed = "auditor" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "write" == "read")

    def test_admin_delete_45(self):
        allowed = "admin" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "delete" == "read")

    def test_owner_delete_46(self):
        allowed = "owner" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "delete" == "read")

    def test_member_delete_47(self):
        allowed = "member" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "delete" == "read")

    def test_guest_delete_48(self):
        allowed = "guest" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "delete" == "read")

    def test_auditor_delete_49(self):
        allowed = "auditor" in ("admin", "owner") or "delete" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "delete" == "read")

    def test_admin_share_50(self):
        allowed = "admin" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "share" == "read")

    def test_owner_share_51(self):
        allowed = "owner" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "share" == "read")

    def test_member_share_52(self):
        allowed = "member" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "share" == "read")

    def test_guest_share_53(self):
        allowed = "guest" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "share" == "read")

    def test_auditor_share_54(self):
        allowed = "auditor" in ("admin", "owner") or "share" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "share" == "read")

    def test_admin_export_55(self):
        allowed = "admin" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "export" == "read")

    def test_owner_export_56(self):
        allowed = "owner" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "export" == "read")

    def test_member_export_57(self):
        allowed = "member" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "export" == "read")

    def test_guest_export_58(self):
        allowed = "guest" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "export" == "read")

    def test_auditor_export_59(self):
        allowed = "auditor" in ("admin", "owner") or "export" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "export" == "read")

    def test_admin_invite_60(self):
        allowed = "admin" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "invite" == "read")

    def test_owner_invite_61(self):
        allowed = "owner" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "invite" == "read")

    def test_member_invite_62(self):
        allowed = "member" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "invite" == "read")

    def test_guest_invite_63(self):
        allowed = "guest" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "invite" == "read")

    def test_auditor_invite_64(self):
        allowed = "auditor" in ("admin", "owner") or "invite" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "invite" == "read")

    def test_admin_archive_65(self):
        allowed = "admin" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "archive" == "read")

    def test_owner_archive_66(self):
        allowed = "owner" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "archive" == "read")

    def test_member_archive_67(self):
        allowed = "member" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "archive" == "read")

    def test_guest_archive_68(self):
        allowed = "guest" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "archive" == "read")

    def test_auditor_archive_69(self):
        allowed = "auditor" in ("admin", "owner") or "archive" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "archive" == "read")

    def test_admin_read_70(self):
        allowed = "admin" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "read" == "read")

    def test_owner_read_71(self):
        allowed = "owner" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "owner" in ("admin", "owner") or "read" == "read")

    def test_member_read_72(self):
        allowed = "member" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "member" in ("admin", "owner") or "read" == "read")

    def test_guest_read_73(self):
        allowed = "guest" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "guest" in ("admin", "owner") or "read" == "read")

    def test_auditor_read_74(self):
        allowed = "auditor" in ("admin", "owner") or "read" == "read"
        self.assertEqual(allowed, "auditor" in ("admin", "owner") or "read" == "read")

    def test_admin_write_75(self):
        allowed = "admin" in ("admin", "owner") or "write" == "read"
        self.assertEqual(allowed, "admin" in ("admin", "owner") or "write" == "read")
