"""Publishing system of the Hai Phong Department of Foreign Affairs' multilingual portal.

Layers, top to bottom (ARCHITECTURE.md; tests/test_architecture.py keeps them): the command line
(`cli`, `commands/`), the engine adapter (`mkdocs_adapter/`, the only package that knows MkDocs,
Material, static-i18n and Jinja), the domain (`content/`, `procedures/`, `pages/`, `feeds`,
`translation/`, `counting/`, `content_checks`, `search/`, `site_links`, `bench/`) and the
foundation (`languages`, `timezone`, `problems`, `messages`, `front_matter`, `safe_yaml`,
`source_files`, `file_writing`, `yaml_lines`, `field_paths`, `project`).
"""
