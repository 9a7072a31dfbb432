"""Document rendering (SVG, PNG, PDF, DOCX) shared by the apps that export.

A leaf package: it works on plain data and imports nothing from other mobilise apps.
"""
