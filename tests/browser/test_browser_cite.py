"""The "Citeer" block in a real browser: a "Kopieer" button per style, used with the
keyboard, copies the reference and says so; without JavaScript there is no button."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

LESSON = "lessen/huisarts-vroeg-betrekken/"


def test_kopieer_copies_the_reference_and_announces_it(browser, base_url):
    parts = urlsplit(base_url)
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=f"{parts.scheme}://{parts.netloc}")
    page = context.new_page()
    page.goto(base_url + LESSON)
    block = page.locator(".lessons-cite")
    expect(block.get_by_role("button", name="Kopieer")).to_have_count(3)
    apa = block.get_by_role("button", name="Kopieer APA-verwijzing")
    apa.focus()
    page.keyboard.press("Enter")
    status = block.get_by_role("status")
    expect(status).to_have_text("Gekopieerd")
    expect(status).to_have_attribute("aria-live", "polite")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == block.locator(".lessons-cite__apa .lessons-cite__text").get_attribute(
        "data-copy")
    assert copied.startswith("GGD’en en GGD GHOR Nederland. (2022). Betrek de huisarts")
    # Focus stays on the button and is visible (the theme's and our outline).
    outline = apa.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline != "none"
    # Focused (and hovered), its text keeps a contrast of 4.5:1 (WCAG 1.4.3).
    for state in ("focus", "hover"):
        if state == "hover":
            apa.hover()
        colours = apa.evaluate(
            "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
        assert contrast(*colours) >= 4.5, (state, colours)
    context.close()


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two computed 'rgb(r, g, b)' colours."""
    def luminance(colour: str) -> float:
        parts = [int(float(x)) / 255 for x in colour[colour.index("(") + 1:-1].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_without_javascript_the_reference_is_there_and_no_button(page_without_js, base_url):
    page_without_js.goto(base_url + LESSON)
    block = page_without_js.locator(".lessons-cite")
    expect(block.locator("dt")).to_have_text(["Vancouver", "APA", "NTvG"])
    expect(block.locator(".lessons-cite__vancouver")).to_contain_text(
        "In: De rol van de huisarts in de wijk [Internet].")
    expect(block.get_by_role("button")).to_have_count(0)
