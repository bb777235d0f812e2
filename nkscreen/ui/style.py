"""The application style sheet: status colours by the ``status`` property, banners, focus.

Plain text with no Qt import, so the first frame does not wait for anything else.
"""

STYLE = """
QLabel[status] { border-radius: 4px; padding: 1px 6px; font-weight: 600; }
QLabel[status="met"], QLabel[status="absent"], QLabel[status="eligible"] {
    background: #dff3e0; color: #11561a; border: 1px solid #7cbf83; }
QLabel[status="not_met"], QLabel[status="present"], QLabel[status="not_eligible"] {
    background: #fbe0df; color: #8a1111; border: 1px solid #e08a86; }
QLabel[status="unknown"], QLabel[status="incomplete"] {
    background: #fff4d6; color: #6b4b00; border: 1px solid #d9b85c; }
QLabel[status="not_applicable"] {
    background: #eeeeee; color: #444444; border: 1px solid #b0b0b0; }
QLabel[role="error"] { color: #a30f0f; }
QLabel[role="warning"] { color: #7a5300; }
QLabel[role="help"] { color: #555555; }
QLabel[role="verbatim"] { background: #f4f6f9; border-left: 4px solid #8aa1c1;
    padding: 6px 8px; color: #222222; }
QLabel[role="rendering"] { background: #f4f6f9; border-left: 4px solid #2f5d8a;
    padding: 6px 8px; color: #111111; }
QLabel[role="derived"] { font-weight: 600; }
QFrame#record_banner_box { border-radius: 4px; }
QFrame#record_banner_box[banner="valid"] { background: #dff3e0; border: 1px solid #7cbf83; }
QFrame#record_banner_box[banner="untrusted"], QFrame#record_banner_box[banner="draft"],
QFrame#record_banner_box[banner="amending"], QFrame#record_banner_box[banner="superseded"] {
    background: #fff4d6; border: 1px solid #d9b85c; }
QFrame#record_banner_box[banner="superseded"] { border: 2px solid #c99a1e; }
QFrame#record_banner_box[banner="broken_chain"] { background: #fde3d0; border: 2px solid #c4561d; }
QFrame#record_banner_box[banner="invalid"] { background: #fbe0df; border: 2px solid #c0392b; }
QLabel[banner="valid"] { color: #11561a; }
QLabel[banner="untrusted"], QLabel[banner="draft"], QLabel[banner="amending"],
QLabel[banner="superseded"] { color: #4d3600; }
QLabel[banner="broken_chain"] { color: #6e2800; }
QLabel[banner="invalid"] { color: #8a1111; }
QScrollArea#record_changes_scroll, QScrollArea#record_changes_scroll > QWidget {
    background: transparent; }
QPushButton:checked { background: #2f5d8a; color: #ffffff; font-weight: 600;
    border: 1px solid #1f3f60; border-radius: 3px; padding: 3px 10px; }
QPushButton:focus { border: 2px solid #e0a100; }
QLineEdit:focus, QComboBox:focus, QCheckBox:focus { border: 2px solid #e0a100; }
"""
