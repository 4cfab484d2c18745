"""A draft resolution pasted or uploaded is split into clauses, which organizers then correct."""
import io
import re
import zipfile

import pytest
from docx import Document
from sqlalchemy import select
from support import PASSWORDS

from app.extensions import db
from app.models import AuditEntry, Engagement, EngagementTranslation, Resolution, ResolutionClause
from app.services.policy.clause_splitting import split

RECITALS_AND_RESOLUTIONS = """RESOLUTION NO. 2026-88

A RESOLUTION OF THE CITY COUNCIL OF RIVERBEND
ADOPTING A LANGUAGE ACCESS POLICY

WHEREAS, more than one in four Riverbend households speak a language other
than English at home; and

WHEREAS, at the spring listening sessions, residents said that water bills and
eviction notices reach them only in English; and

WHEREAS, the Council wants every resident to be able to read what the City sends them;

NOW, THEREFORE, BE IT RESOLVED by the City Council of Riverbend that the City adopts
the language access policy attached as Exhibit A.

BE IT FURTHER RESOLVED that each department shall:
(a) translate its vital documents into the nine city languages;
(b) offer an interpreter at any public meeting on forty-eight hours' notice; and
(c) count the requests it receives and report them each year.

BE IT FURTHER RESOLVED that the City Manager report to the Council within 180 days.

PASSED AND ADOPTED by the City Council of Riverbend this 3rd day of March, 2026.
AYES: 5
NOES: 0
"""

NUMBERED_SECTIONS = """Resolution on evenings for young people

NOW, THEREFORE, BE IT RESOLVED by the City Council of Riverbend as follows:

Section 1. Findings. Young people told the Council they have nowhere to go after
dark, and the libraries close at six.

SECTION 2: The City shall:
1. keep two library branches open until ten on Fridays;
2. fund forty summer jobs in parks.

Sec. 3 - This resolution takes effect at once.
"""


def _engagement(app):
    with app.app_context():
        engagement = Engagement(slug="riverbend", default_language="en")
        engagement.translations.append(EngagementTranslation(language="en", name="Riverbend listens"))
        db.session.add(engagement)
        db.session.commit()
        return engagement.id


def _clauses(app, resolution_id):
    with app.app_context():
        return [(c.kind, c.label, c.text) for c in db.session.scalars(
            select(ResolutionClause).where(ResolutionClause.resolution_id == resolution_id)
            .order_by(ResolutionClause.position))]


def _docx(paragraphs):
    document = Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _broken_docx():
    """A real .docx whose document part is cut short."""
    source = zipfile.ZipFile(io.BytesIO(_docx([("WHEREAS, the file is fine so far;", None)])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for name in source.namelist():
            data = source.read(name)
            broken.writestr(name, data[:200] if name == "word/document.xml" else data)
    return out.getvalue()


# -- the splitter ---------------------------------------------------------------------------

def test_whereas_and_resolved_clauses_are_numbered_and_the_signature_block_is_left_out():
    found = split(RECITALS_AND_RESOLUTIONS)
    assert found.number == "2026-88"
    assert found.title == "A RESOLUTION OF THE CITY COUNCIL OF RIVERBEND ADOPTING A LANGUAGE ACCESS POLICY"
    assert [(c.kind, c.label) for c in found.clauses] == [
        ("whereas", "Whereas 1"), ("whereas", "Whereas 2"), ("whereas", "Whereas 3"),
        ("resolved", "Resolved 1"), ("resolved", "Resolved 2"), ("resolved", "Resolved 3")]
    # Wrapped lines are joined; the clause keeps its opening words.
    assert found.clauses[0].text == ("WHEREAS, more than one in four Riverbend households speak a language other "
                                     "than English at home; and")
    assert found.clauses[3].text.startswith("NOW, THEREFORE, BE IT RESOLVED by the City Council")
    # Lettered sub-items stay with their clause, one per line.
    assert found.clauses[4].text.splitlines() == [
        "BE IT FURTHER RESOLVED that each department shall:",
        "(a) translate its vital documents into the nine city languages;",
        "(b) offer an interpreter at any public meeting on forty-eight hours' notice; and",
        "(c) count the requests it receives and report them each year."]
    assert "PASSED" not in found.clauses[-1].text and "AYES" not in found.clauses[-1].text


def test_numbered_sections_keep_their_numbers_and_their_numbered_lists():
    found = split(NUMBERED_SECTIONS)
    assert found.title == "Resolution on evenings for young people"
    # "BE IT RESOLVED ... as follows:" only introduces the sections: it is not a clause.
    assert [(c.kind, c.label) for c in found.clauses] == [
        ("section", "Section 1"), ("section", "Section 2"), ("section", "Section 3")]
    assert found.clauses[0].text.startswith("Findings. Young people told the Council")
    assert found.clauses[1].text.splitlines() == [
        "The City shall:", "1. keep two library branches open until ten on Fridays;",
        "2. fund forty summer jobs in parks."]
    assert found.clauses[2].text == "This resolution takes effect at once."


def test_plain_numbered_lines_are_sections_when_there_is_no_section_marker():
    found = split("1. Translate the water bill.\n2. Hire interpreters:\n  (a) in person;\n  (b) by phone.")
    assert [(c.kind, c.label, c.text) for c in found.clauses] == [
        ("section", "Section 1", "Translate the water bill."),
        ("section", "Section 2", "Hire interpreters:\n(a) in person;\n(b) by phone.")]


def test_a_text_without_markers_is_one_clause_per_line():
    found = split("Translate the water bill.\nInterpreters at every public meeting.\n")
    assert [(c.kind, c.label, c.text) for c in found.clauses] == [
        ("", "", "Translate the water bill."), ("", "", "Interpreters at every public meeting.")]


def test_a_section_mentioned_inside_a_wrapped_line_does_not_start_a_clause():
    found = split("WHEREAS, the Council amended the plan by\nSection 3 of Ordinance 55; and\n"
                  "WHEREAS, residents asked for more.")
    assert [c.label for c in found.clauses] == ["Whereas 1", "Whereas 2"]
    assert found.clauses[0].text == "WHEREAS, the Council amended the plan by Section 3 of Ordinance 55; and"


# -- pasting and uploading ----------------------------------------------------------------------

def test_pasting_a_resolution_splits_it_and_takes_number_and_title_from_its_preamble(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": engagement_id, "resolution-text": RECITALS_AND_RESOLUTIONS})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert "Resolution saved with 6 clauses" in html
    assert ('<h1><bdi class="ltr">2026-88</bdi>: '
            "<bdi>A RESOLUTION OF THE CITY COUNCIL OF RIVERBEND ADOPTING A LANGUAGE ACCESS POLICY</bdi></h1>") in html
    assert '<th scope="row">Whereas 3</th>' in html and '<th scope="row">Resolved 2</th>' in html
    with app.app_context():
        resolution = db.session.scalar(select(Resolution))
        assert resolution.number == "2026-88"
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "resolution.create")).details == {
            "clauses": 6}
    overview = client.get("/admin/policy").get_data(as_text=True)
    assert "<strong>Resolved 3</strong> <span class=\"count\">(Resolved (a decision))</span>" in overview


def test_a_given_title_wins_over_the_preamble(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    client.post("/admin/policy/resolutions", data={
        "resolution-engagement": engagement_id, "resolution-title": "Language access",
        "resolution-number": "R-1", "resolution-text": RECITALS_AND_RESOLUTIONS})
    with app.app_context():
        resolution = db.session.scalar(select(Resolution))
        assert (resolution.number, resolution.title) == ("R-1", "Language access")


def test_uploading_a_txt_file(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": engagement_id,
        "resolution-file": (io.BytesIO(NUMBERED_SECTIONS.encode("utf-8")), "evenings.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 303
    resolution_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    assert [label for _, label, _ in _clauses(app, resolution_id)] == ["Section 1", "Section 2", "Section 3"]


def test_uploading_a_word_document_with_automatic_numbering(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    data = _docx([
        ("Resolution on safer crossings", "Title"),
        ("WHEREAS, parents at the Eastside session described near misses at the school crosswalk;", None),
        ("NOW, THEREFORE, BE IT RESOLVED that the City shall:", None),
        ("add a signal at the Oak Street crosswalk;", "List Number"),
        ("paint high-visibility markings near every school.", "List Number"),
    ])
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": engagement_id, "resolution-file": (io.BytesIO(data), "crossings.docx")},
        content_type="multipart/form-data")
    assert response.status_code == 303
    resolution_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    clauses = _clauses(app, resolution_id)
    assert [(kind, label) for kind, label, _ in clauses] == [
        ("whereas", "Whereas 1"), ("resolved", "Resolved 1"), ("section", "Section 1"), ("section", "Section 2")]
    assert clauses[2][2] == "add a signal at the Oak Street crosswalk;"
    with app.app_context():
        assert db.session.get(Resolution, resolution_id).title == "Resolution on safer crossings"


@pytest.mark.parametrize("data, filename, message", [
    ({"resolution-text": "   \n  "}, None, "Paste the resolution&#39;s text or upload its file."),
    ({}, ("not really a docx", "draft.docx"), "Heard could not read this file."),
    ({}, ("broken-xml", "draft.docx"), "Heard could not read this file."),
    ({}, ("\x00\x01\x02binary", "draft.txt"), "Heard could not read this file."),
    ({}, ("WHEREAS, fine.", "draft.pdf"), "Upload a .txt or .docx file."),
])
def test_unusable_input_is_refused_with_a_clear_message(app, client, signed_in, data, filename, message):
    signed_in("organizer")
    payload = {"resolution-engagement": _engagement(app), "resolution-title": "Kept", **data}
    if filename:
        content = _broken_docx() if filename[0] == "broken-xml" else filename[0].encode("utf-8")
        payload["resolution-file"] = (io.BytesIO(content), filename[1])
    response = client.post("/admin/policy/resolutions", data=payload, content_type="multipart/form-data")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert 'value="Kept"' in html  # nothing typed is lost
    with app.app_context():
        assert db.session.scalar(select(Resolution)) is None


def test_a_file_too_large_is_refused(app, client, signed_in):
    signed_in("organizer")
    app.config["POLICY_IMPORT_MAX_BYTES"] = 1024
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement(app),
        "resolution-file": (io.BytesIO(b"WHEREAS, long.\n" * 200), "long.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 400
    assert "The file is too large: at most 0.0 MB." in response.get_data(as_text=True)


# -- correcting the clauses --------------------------------------------------------------------

@pytest.fixture
def pasted(app, client, signed_in):
    signed_in("organizer")
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": _engagement(app), "resolution-text": RECITALS_AND_RESOLUTIONS})
    resolution_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    with app.app_context():
        ids = [c.id for c in db.session.get(Resolution, resolution_id).clauses]
    return resolution_id, ids


def test_edit_a_clause(app, client, pasted):
    resolution_id, ids = pasted
    page = client.get(f"/admin/policy/clauses/{ids[1]}").get_data(as_text=True)
    assert "residents said that water bills" in page
    response = client.post(f"/admin/policy/clauses/{ids[1]}", data={
        "kind": "whereas", "label": "Whereas 2 (amended)", "text": "WHEREAS, residents asked for bills they can read;"})
    assert response.status_code == 303
    assert _clauses(app, resolution_id)[1] == ("whereas", "Whereas 2 (amended)",
                                                "WHEREAS, residents asked for bills they can read;")
    refused = client.post(f"/admin/policy/clauses/{ids[1]}", data={"kind": "whereas", "label": "x", "text": " "})
    assert refused.status_code == 400
    assert 'id="text-error"' in refused.get_data(as_text=True)


def test_move_clauses_up_and_down(app, client, pasted):
    resolution_id, ids = pasted
    assert client.post(f"/admin/policy/clauses/{ids[2]}/up").status_code == 303
    assert [label for _, label, _ in _clauses(app, resolution_id)][:3] == ["Whereas 1", "Whereas 3", "Whereas 2"]
    client.post(f"/admin/policy/clauses/{ids[0]}/down")
    assert [label for _, label, _ in _clauses(app, resolution_id)][:3] == ["Whereas 3", "Whereas 1", "Whereas 2"]
    client.post(f"/admin/policy/clauses/{ids[5]}/down")  # already last: nothing moves
    assert _clauses(app, resolution_id)[-1][1] == "Resolved 3"
    html = client.get(f"/admin/policy/resolutions/{resolution_id}").get_data(as_text=True)
    assert html.count(">Move up<") == 5 and html.count(">Move down<") == 5


def test_delete_and_add_clauses(app, client, pasted):
    resolution_id, ids = pasted
    assert client.post(f"/admin/policy/clauses/{ids[0]}/delete").status_code == 303
    clauses = _clauses(app, resolution_id)
    assert len(clauses) == 5 and clauses[0][1] == "Whereas 2"
    with app.app_context():
        positions = [c.position for c in db.session.get(Resolution, resolution_id).clauses]
        assert positions == [1, 2, 3, 4, 5]
    response = client.post(f"/admin/policy/resolutions/{resolution_id}/clauses", data={
        "kind": "resolved", "label": "", "text": "BE IT FURTHER RESOLVED that the policy be reviewed in 2028."})
    assert response.status_code == 303
    assert _clauses(app, resolution_id)[-1] == (
        "resolved", "Resolved 4", "BE IT FURTHER RESOLVED that the policy be reviewed in 2028.")
    refused = client.post(f"/admin/policy/resolutions/{resolution_id}/clauses", data={"kind": "bogus", "text": "x"})
    assert refused.status_code == 400


def test_edit_the_resolution_details_and_delete_it(app, client, pasted):
    resolution_id, _ = pasted
    response = client.post(f"/admin/policy/resolutions/{resolution_id}", data={
        "number": "2026-88A", "title": "Language access policy", "adopted_on": "2026-03-03"})
    assert response.status_code == 303
    html = client.get("/admin/policy").get_data(as_text=True)
    assert '<bdi class="ltr">2026-88A</bdi>: <bdi>Language access policy</bdi>' in html
    assert client.post(f"/admin/policy/resolutions/{resolution_id}/delete").status_code == 303
    with app.app_context():
        assert db.session.get(Resolution, resolution_id) is None
        assert db.session.scalar(select(ResolutionClause)) is None


def test_analysts_and_notetakers_cannot_change_clauses(app, client, pasted, auth, make_user):
    resolution_id, ids = pasted
    auth.logout()
    for role in ("analyst", "notetaker"):
        _, email = make_user(role)
        auth.login(email, PASSWORDS[role])
        assert client.get(f"/admin/policy/resolutions/{resolution_id}").status_code == 403
        assert client.post(f"/admin/policy/clauses/{ids[0]}/delete").status_code == 403
        auth.logout()
    assert len(_clauses(app, resolution_id)) == 6


def test_unknown_clause_is_not_found(client, signed_in):
    signed_in("organizer")
    assert client.get("/admin/policy/clauses/999999").status_code == 404
    assert client.post("/admin/policy/clauses/999999/up").status_code == 404


def test_clause_labels_are_plain_text_in_the_page(app, client, pasted):
    resolution_id, ids = pasted
    client.post(f"/admin/policy/clauses/{ids[0]}", data={"kind": "", "label": "<b>x</b>", "text": "<script>y</script>"})
    html = client.get(f"/admin/policy/resolutions/{resolution_id}").get_data(as_text=True)
    assert "<script>y</script>" not in html and "&lt;script&gt;y&lt;/script&gt;" in html
    assert re.search(r'<th scope="row">&lt;b&gt;x&lt;/b&gt;</th>', html)


def test_check_the_clauses_before_saving(app, client, signed_in):
    signed_in("organizer")
    engagement_id = _engagement(app)
    response = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": engagement_id, "preview": "1",
        "resolution-file": (io.BytesIO(RECITALS_AND_RESOLUTIONS.encode("utf-8")), "draft.txt")},
        content_type="multipart/form-data")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Heard found 6 clauses" in html
    assert '<th scope="row">Whereas 2</th><td>Whereas (a reason)</td>' in html
    assert "<dd>2026-88</dd>" in html
    # The uploaded text is now in the text box, so saving needs no second upload.
    assert "WHEREAS, more than one in four Riverbend households" in html.split('name="resolution-text"')[1]
    with app.app_context():
        assert db.session.scalar(select(Resolution)) is None
    saved = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": engagement_id, "resolution-text": RECITALS_AND_RESOLUTIONS})
    assert saved.status_code == 303
    empty = client.post("/admin/policy/resolutions", data={
        "resolution-engagement": engagement_id, "preview": "1", "resolution-text": ""})
    assert empty.status_code == 400
    assert "Paste the resolution&#39;s text or upload its file." in empty.get_data(as_text=True)


def test_deleting_a_linked_clause_removes_its_theme_links(app, client, pasted):
    from app.models import AnalysisRun, Theme, ThemeLink

    resolution_id, ids = pasted
    with app.app_context():
        engagement_id = db.session.get(Resolution, resolution_id).engagement_id
        run = AnalysisRun(engagement_id=engagement_id, status="done")
        db.session.add(run)
        db.session.flush()
        theme = Theme(run_id=run.id, key="t1", machine_label="bills", label="Bills in English only")
        db.session.add(theme)
        db.session.flush()
        db.session.add_all([ThemeLink(theme_id=theme.id, clause_id=ids[1], status="confirmed", stance="supports"),
                            ThemeLink(theme_id=theme.id, clause_id=ids[3], status="suggested", score=0.4)])
        db.session.commit()
    assert client.post(f"/admin/policy/clauses/{ids[1]}/delete").status_code == 303
    with app.app_context():
        assert [link.clause_id for link in db.session.scalars(select(ThemeLink))] == [ids[3]]
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "clause.delete"))
        assert entry.details["label"] == "Whereas 2"
