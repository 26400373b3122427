"""What the preview shows besides the site: an error page while no build has succeeded,
a banner with the problems on every page of the last good build, and a reload script."""

from __future__ import annotations

from html import escape

EPOCH_PATH = "/.lessons-serve/epoch"  # the reload script asks this for the build number

# Polls the build number; a new build (good or failed) reloads the page. Visible tabs only.
_RELOAD = """<script>(function () {
  var epoch = "%s";
  function poll() {
    if (document.visibilityState !== "visible") { return setTimeout(poll, 1000); }
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (now) {
        if (now !== epoch) { location.reload(); } else { setTimeout(poll, 700); }
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 700);
})();</script>"""

_STYLE = ("position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:45vh;overflow:auto;"
          "margin:0;padding:.8rem 1.2rem;background:#fff4e5;color:#1a1a1a;"
          "border-top:4px solid #b34700;font:15px/1.45 system-ui,sans-serif")


def reload_script(epoch: int) -> str:
    return _RELOAD % (epoch, EPOCH_PATH)


def _problem_list(problems: list[str]) -> str:
    items = "".join(f"<li><code>{escape(p)}</code></li>" for p in problems)
    return f"<ul>{items}</ul>" if items else ""


def _failure(error: str | None) -> str:
    if not error:
        return ""
    return ("<p><strong>De build is mislukt:</strong></p>"
            f"<pre style=\"white-space:pre-wrap\">{escape(error)}</pre>")


def banner(problems: list[str], error: str | None) -> str:
    """The problems over the last good build; empty when there is nothing to say."""
    if not problems and not error:
        return ""
    if error:
        lead = ("Deze voorvertoning is <strong>niet bijgewerkt</strong>: u ziet de laatste "
                "versie die wel lukte. Herstel het probleem en sla op; de pagina ververst "
                "vanzelf.")
    else:
        count = "1 probleem" if len(problems) == 1 else f"{len(problems)} problemen"
        lead = (f"{count} in de inhoud: de publieke build (<code>make site</code>) weigert "
                f"dit. Herstel het en sla op; de pagina ververst vanzelf.")
    return (f'<div id="lessons-serve-problems" role="alert" style="{_STYLE}">'
            f"<p style=\"margin:0 0 .4rem\">{lead}</p>{_failure(error)}"
            f"{_problem_list(problems)}</div>")


def error_page(problems: list[str], error: str | None, epoch: int) -> str:
    """Shown for every address while no build has succeeded yet."""
    if epoch == 0:
        title, text = ("De site wordt gebouwd", "Een ogenblik: deze pagina ververst vanzelf "
                                                "zodra de eerste versie klaar is.")
    else:
        title, text = ("De site kan niet worden gebouwd",
                       "Er is nog geen versie van de site die lukte. Herstel wat hieronder "
                       "staat en sla het bestand op: deze pagina ververst vanzelf.")
    return ("<!doctype html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
            f"<title>Voorvertoning: {title.lower()}</title></head>"
            "<body style=\"font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
            f"padding:0 1rem\"><h1>{title}</h1><p>{text}</p>"
            f"{_failure(error)}{_problem_list(problems)}{reload_script(epoch)}</body></html>")


def decorate(html: bytes, problems: list[str], error: str | None, epoch: int) -> bytes:
    """A page of the site with the banner and the reload script before </body>."""
    extra = (banner(problems, error) + reload_script(epoch)).encode()
    end = html.rfind(b"</body>")
    return html[:end] + extra + html[end:] if end >= 0 else html + extra
