def test_home_page_in_arabic_on_a_phone(live_server, demo, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="العربية").click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    # No horizontal scrolling at 360 px.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
