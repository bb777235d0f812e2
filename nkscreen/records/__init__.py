"""Screening records: signed, versioned JSON files with an audit trail (Qt-free).

``model`` defines the file format, ``lifecycle`` creates, edits and amends records in memory,
``signing`` signs and verifies them, ``identity`` holds the signers' keys, ``trust`` the site's
administrator-signed list of trusted signers, ``store`` puts records and drafts on disk through
``atomic``, and ``commands`` is the command-line front end.
"""
