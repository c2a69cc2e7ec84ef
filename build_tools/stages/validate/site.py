"""The checks of the site's configuration (mkdocs.yml): its editions."""

from __future__ import annotations

from ...languages import TRANSLATED
from ...model import Site
from ...problems import Collector, SourceLoc

CONFIG = SourceLoc("mkdocs.yml")


def check_editions(site: Site, problems: Collector) -> None:
    """The first edition is the site itself; each other has its folder and the site's words."""
    if site.editions[0] != (site.language, ""):
        problems.error(
            CONFIG,
            f"the first edition in extra.alternate must be the site itself: lang '{site.language}' "
            "(theme.language) and link './'",
        )
    for other, folder in site.editions[1:]:
        if other not in TRANSLATED or folder != other:
            problems.error(
                CONFIG,
                f"the edition '{other}' in extra.alternate needs its link to be '{other}/' and the site's words "
                f"in build_tools/locales/{other}/LC_MESSAGES/messages.po (languages with them: {', '.join(TRANSLATED) or 'none'})",
            )
