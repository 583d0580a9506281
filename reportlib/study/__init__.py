"""The study: notebooks in, executed notebooks and shareable HTML pages out.

``runner`` runs the papermill notebooks in dependency order, only what changed; ``notebook`` is
what each notebook calls first; ``htmlexport`` turns executed notebooks into sanitised pages.
"""
