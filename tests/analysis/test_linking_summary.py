from analysis import Note, ThemeModel, rank_targets, summarize_theme


def test_rank_targets_puts_the_obvious_target_first():
    targets = [
        {"id": "a1", "text": "Expand rental assistance and fund eviction defense"},
        {"id": "a2", "text": "Add bus shelters and extend night bus routes"},
        {"id": "a3", "text": "Renovate playgrounds in neighborhood parks"},
    ]
    items = [("i1", "The rent is too high and families get evicted"),
             ("i2", "The bus stop has no shelter and no bus after 9pm"),
             Note("i3", "El parque no tiene juegos", "es", translation="The park has no playground")]
    ranked = rank_targets(items, targets, top=2)
    assert [r[0][0] for r in ranked] == ["a1", "a2", "a3"]
    assert all(len(r) == 2 and r[0][1] >= r[1][1] for r in ranked)
    assert rank_targets(items, targets, top=None)[0][0][0] == "a1"
    assert rank_targets([], targets) == []


def test_summary_counts_and_verbatim_quotes(civic_notes):
    notes, _ = civic_notes
    model = ThemeModel(n_themes=3, random_state=0).fit(notes)
    theme = model.themes_[0]
    s = summarize_theme(theme, notes)
    members = [n for n in notes if n.id in theme.note_ids]
    assert s["n_notes"] == len(members)
    assert s["n_sessions"] == len({n.meta["session_id"] for n in members})
    assert s["n_tables"] == len({(n.meta["session_id"], n.meta["table_id"]) for n in members})
    assert sum(s["languages"].values()) == len(members)
    by_id = {n.id: n for n in notes}
    assert [q["note_id"] for q in s["quotes"]] == theme.representative_ids
    assert all(q["text"] == by_id[q["note_id"]].text for q in s["quotes"])
    assert set(s) == {"id", "label", "keywords", "n_notes", "n_tables", "n_sessions",
                      "languages", "quotes"}
