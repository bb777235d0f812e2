"""The printed screening summary: a Qt-free document model (``summary``) and its one Qt
renderer (``render``) shared by the PDF export, the print preview and real printing.
"""
