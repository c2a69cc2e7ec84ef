"""The names vulture (``make test``, configured in pyproject.toml) would take for dead code,
but that something other than build_tools' own Python uses by name: MkDocs, Jinja's
templates, Python-Markdown, watchdog, the Makefile, the tests.

Vulture matches names, not objects: listing ``hooks.on_nav`` marks every ``on_nav`` used.
This file is read by vulture, never run. A name belongs here only with who uses it; code
that nothing uses is removed instead.
"""

from build_tools import essay, folders, languages, model, relations
from build_tools.site import hooks, markdown_ext, mkdocs_private, offline, serve
from build_tools.sources import fetch
from build_tools.stages import compiled, templating

# The Makefile (`make clean` removes the generated and copied folders of docs/).
folders.COPIED

# Jinja: fields that only the templates read (build_tools/templates/*.j2).
essay.Author.about  # _essay.html.j2: the author's position
essay.Essay.rights  # _essay.html.j2
essay.Essay.archive_url  # _essay.html.j2
essay.Essay.title_note  # _essay.html.j2
model.Theme.intro  # theme.md.j2
model.Event.projection  # timeline.md.j2
model.Figure.measures  # figures.md.j2
relations.Conversation.disagreement  # _essay.html.j2: the link to the pair on the disagreements page

# Jinja: a bytecode cache's methods, which its loaders call (build_tools/stages/compiled.py).
compiled.Compiled.load_bytecode
compiled.Compiled.dump_bytecode

# Jinja: the filter "mention" calls it by name (templating.py: getattr(essay, f"{name}_in")).
essay.Essay.mention_in

# MkDocs: the hooks module named in mkdocs.yml (hooks:), called by event name.
hooks.on_startup
hooks.on_shutdown
hooks.on_nav
hooks.on_env
hooks.on_page_markdown
hooks.on_template_context
hooks.on_post_page
hooks.on_post_template

# MkDocs: its live-reload server (mkdocs.livereload.LiveReloadServer) reads these
# attributes, which mkdocs_private.py sets to reload the browser or ask for MkDocs' own rebuild.
mkdocs_private.LiveReloadServer._visible_epoch
mkdocs_private.LiveReloadServer._wanted_epoch
mkdocs_private.LiveReloadServer._want_rebuild

# Jinja: an Environment compiles a template again when its file changed if auto_reload is set.
serve.jinja2.Environment.auto_reload

# watchdog: an event handler's method, called on each file system event.
serve._Changed.on_any_event

# Python-Markdown: the extension named in mkdocs.yml (markdown_extensions:).
markdown_ext.makeExtension  # loads the extension from its module's name
markdown_ext.RootCausesExtension.extendMarkdown  # registers its processors
markdown_ext.CitationBlockProcessor.test  # a BlockProcessor: does this block start here?
markdown_ext.CitationInlineProcessor.handleMatch  # an InlineProcessor: the element for a match

# urllib: a redirect handler's method, called by name when a server redirects (make sources
# follows each redirect itself).
fetch._NoRedirect.redirect_request

# Babel: the extractors that babel.cfg names (make messages, tests/test_catalogue.py).
languages.extract_mkdocs
languages.extract_genres
languages.extract_theme

# Jinja: its i18n extension calls it from Environment.install_gettext_callables.
templating.Messages._install_callables

# zipfile: a zip entry's Unix mode, which unzip reads (the copy to read offline, site/offline.py).
offline.zipfile.ZipInfo.external_attr
