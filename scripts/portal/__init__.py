"""Publishing system of the Hai Phong Department of Foreign Affairs' multilingual portal.

All behaviour lives in this package; the MkDocs plugin (`portal.mkdocs_adapter.plugin`) and the
command line (`portal.cli`) only translate their inputs into calls to it.
"""
