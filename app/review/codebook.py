"""The codebook: codes of an engagement, and the machine's tag suggestions that people confirm
or reject (routes on the review blueprint)."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..forms import show_error
from ..i18n import native_name, select_language
from ..ids import arg_id, parse_id
from ..platform.localized import pick
from ..services import ServiceError
from ..services.insights import codebook as codebooks
from ..services.insights import theme_review
from ..services.sessions import organize
from .codebook_forms import (
    AddTagForm,
    DeleteCodeForm,
    EngagementPickForm,
    ImportCodebookForm,
    NewCodebookForm,
    SuggestTagsForm,
    TagDecisionForm,
    TagFilterForm,
    code_form,
)
from .views import bp


def _engagement_name(engagement):
    name = pick(engagement.translations, select_language(), engagement.default_language)
    return name.name if name else engagement.slug


def _codebook_and_engagement(codebook_id):
    codebook = codebooks.get_codebook(codebook_id)
    return codebook, organize.get_engagement(codebook.engagement_id)


def _names(codebook, engagement):
    language = select_language()
    default = engagement.default_language
    return {code.id: codebooks.code_name(code, language, default) for code in codebook.codes}


@bp.get("/codebook")
def codebook():
    engagements = theme_review.engagements()
    pick_form = EngagementPickForm(request.args)
    pick_form.engagement.choices = [(e.id, _engagement_name(e)) for e in engagements]
    if not engagements:
        return render_template("review/codebook.html", engagement=None, pick_form=pick_form)
    chosen = arg_id("engagement")
    engagement = next((e for e in engagements if e.id == chosen), engagements[0])
    pick_form.engagement.data = engagement.id
    book = codebooks.codebook_for(engagement.id)
    return render_template(
        "review/codebook.html", engagement=engagement, engagement_name=_engagement_name(engagement),
        pick_form=pick_form, codebook=book, new_form=NewCodebookForm(),
        import_form=ImportCodebookForm(), suggest_form=SuggestTagsForm(),
        names=_names(book, engagement) if book else {},
        counts=codebooks.code_counts(book) if book else {},
        tagging=codebooks.tagging_status(engagement.id),
    )


@bp.post("/codebook/<int:engagement_id>/create")
def codebook_create(engagement_id):
    engagement = organize.get_engagement(engagement_id)
    form = NewCodebookForm()
    if form.validate_on_submit():
        try:
            codebooks.create_codebook(current_user, engagement, form.name.data)
        except ServiceError as error:
            show_error(form, error, default_field="name")
        else:
            flash(_("Codebook created. Add its first code."), "success")
            return redirect(url_for(".codebook", engagement=engagement.id))
    engagements = theme_review.engagements()
    pick_form = EngagementPickForm(engagement=engagement.id)
    pick_form.engagement.choices = [(e.id, _engagement_name(e)) for e in engagements]
    return render_template(
        "review/codebook.html", engagement=engagement, engagement_name=_engagement_name(engagement),
        pick_form=pick_form, codebook=None, new_form=form, import_form=ImportCodebookForm(),
        suggest_form=SuggestTagsForm(), names={}, counts={}, tagging=None,
    ), 400


@bp.post("/codebook/<int:engagement_id>/import")
def codebook_import(engagement_id):
    engagement = organize.get_engagement(engagement_id)
    if ImportCodebookForm().validate_on_submit():
        try:
            codebooks.import_shipped(current_user, engagement)
            flash(_("The Community Action Areas codebook was added. Edit its codes as you need."),
                  "success")
        except ServiceError as error:
            flash(error.message, "error")
    return redirect(url_for(".codebook", engagement=engagement.id))


def _code_form_for(engagement, **kwargs):
    return code_form(current_app.config["HEARD_LANGUAGES"], engagement.default_language, **kwargs)


def _save_code(form, engagement, save):
    """Validate ``form`` and call ``save(key, texts)``; errors go next to their field."""
    if not form.validate_on_submit():
        return None
    try:
        return save(form.key.data, form.texts(engagement.default_language))
    except ServiceError as error:
        show_error(form, error, default_field="name")
        return None


@bp.route("/codebook/<int:codebook_id>/codes/new", methods=["GET", "POST"])
def code_new(codebook_id):
    book, engagement = _codebook_and_engagement(codebook_id)
    form = _code_form_for(engagement)
    code = _save_code(form, engagement, lambda key, texts: codebooks.add_code(
        current_user, book, key=key, texts=texts, default_language=engagement.default_language))
    if code is not None:
        flash(_("Code added."), "success")
        return redirect(url_for(".codebook", engagement=engagement.id) + "#codes")
    return render_template("review/codebook_code.html", codebook=book, engagement=engagement,
                           form=form, code=None, language_name=native_name), (
        400 if form.errors else 200)


@bp.route("/codes/<int:code_id>", methods=["GET", "POST"])
def code_edit(code_id):
    code = codebooks.get_code(code_id)
    book, engagement = _codebook_and_engagement(code.codebook_id)
    if request.method == "POST":
        form = _code_form_for(engagement)
    else:
        form = _code_form_for(engagement, key=code.key)
        form.fill(codebooks.code_texts(code), engagement.default_language)
    saved = _save_code(form, engagement, lambda key, texts: codebooks.update_code(
        current_user, code, key=key, texts=texts, default_language=engagement.default_language))
    if saved is not None:
        flash(_("Code saved."), "success")
        return redirect(url_for(".codebook", engagement=engagement.id) + "#codes")
    counts = codebooks.code_counts(book).get(code.id, {})
    return render_template("review/codebook_code.html", codebook=book, engagement=engagement,
                           form=form, code=code, counts=counts, delete_form=DeleteCodeForm(),
                           language_name=native_name), (400 if form.errors else 200)


@bp.post("/codes/<int:code_id>/delete")
def code_delete(code_id):
    code = codebooks.get_code(code_id)
    engagement_id = code.codebook.engagement_id
    if DeleteCodeForm().validate_on_submit():
        codebooks.delete_code(current_user, code)
        flash(_("Code deleted, with its tags."), "success")
    return redirect(url_for(".codebook", engagement=engagement_id) + "#codes")


@bp.post("/codebook/<int:codebook_id>/suggest")
def tags_suggest(codebook_id):
    book, engagement = _codebook_and_engagement(codebook_id)
    if SuggestTagsForm().validate_on_submit():
        try:
            codebooks.suggest_tags(current_user, book)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            if codebooks.tagging_status(engagement.id) == "done":
                flash(_("Tag suggestions are ready."), "success")
            else:
                flash(_("Heard is suggesting tags. Reload this page in a minute to see them."),
                      "info")
    return redirect(url_for(".codebook_tags", codebook_id=book.id))


def _tags_url(codebook_id, values, anchor=""):
    show = values.get("show") if values.get("show") in codebooks.TAG_VIEWS else "suggested"
    code = parse_id(values.get("code"))
    page = parse_id(values.get("page"))
    params = {"show": show}
    if code:
        params["code"] = code
    if page and page > 1:
        params["page"] = page
    return url_for(".codebook_tags", codebook_id=codebook_id, **params) + anchor


@bp.get("/codebook/<int:codebook_id>/tags")
def codebook_tags(codebook_id):
    book, engagement = _codebook_and_engagement(codebook_id)
    names = _names(book, engagement)
    filter_form = TagFilterForm(request.args)
    filter_form.code.choices = [("", _("All codes"))] + [
        (str(c.id), names[c.id]) for c in book.codes]
    show = filter_form.show.data if filter_form.show.data in codebooks.TAG_VIEWS else "suggested"
    code_id = parse_id(filter_form.code.data)
    page = arg_id("page") or 1
    notes, tags, total = codebooks.tagged_notes(book, view=show, code_id=code_id, page=page)
    pages = max((total + codebooks.PAGE_SIZE - 1) // codebooks.PAGE_SIZE, 1)
    counts = codebooks.code_counts(book)
    return render_template(
        "review/codebook_tags.html", codebook=book, engagement=engagement, names=names,
        notes=notes, tags=tags, total=total, page=page, pages=pages, show=show, code_id=code_id,
        filter_form=filter_form, decision_form=TagDecisionForm(), add_form=AddTagForm(),
        suggest_form=SuggestTagsForm(), has_tags=any(sum(c.values()) for c in counts.values()),
        tagging=codebooks.tagging_status(engagement.id),
        page_url=lambda n: _tags_url(book.id, {"show": show, "code": str(code_id or ""),
                                               "page": str(n)}),
    )


@bp.post("/codebook/<int:codebook_id>/tags/decide")
def tag_decide(codebook_id):
    book, _engagement = _codebook_and_engagement(codebook_id)
    form = TagDecisionForm()
    note_anchor = ""
    tag_id = parse_id(form.tag_id.data)
    if form.validate_on_submit() and tag_id:
        try:
            tag = codebooks.decide_tag(current_user, book, tag_id,
                                       form.decision.data)
        except ServiceError as error:
            flash(error.message, "error")
        else:
            note_anchor = f"#note-{tag.note_id}"
            if tag.confirmed:
                flash(_("Tag confirmed."), "success")
            else:
                flash(_("Tag rejected. Heard will not suggest it for this note again."), "success")
    return redirect(_tags_url(book.id, request.form, note_anchor))


@bp.post("/codebook/<int:codebook_id>/tags/add")
def tag_add(codebook_id):
    book, _engagement = _codebook_and_engagement(codebook_id)
    form = AddTagForm()
    anchor = ""
    note_id = parse_id(form.note_id.data)
    if form.validate_on_submit() and note_id:
        anchor = f"#note-{note_id}"
        try:
            codebooks.add_tag(current_user, book, note_id, parse_id(form.code.data))
        except ServiceError as error:
            flash(error.message, "error")
        else:
            flash(_("Tag added."), "success")
    return redirect(_tags_url(book.id, request.form, anchor))
