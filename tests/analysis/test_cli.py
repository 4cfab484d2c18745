import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main

ROOT = Path(__file__).resolve().parents[2]

NOTES = """id,text,lang,translation
n1,The rent went up again and the landlord wants us out,en,
n2,"Rent is too high, families are being evicted",en,
n3,We need affordable housing near the bus line,en,
n4,The bus comes late and the stop has no shelter,en,
n5,More bus routes at night so workers can get home,en,
n6,Bus fares are too expensive for students,en,
n7,El autobús siempre llega tarde,es,The bus always arrives late
n8,La renta es demasiado alta,es,The rent is too high
"""


@pytest.fixture
def notes_csv(tmp_path):
    p = tmp_path / "notes.csv"
    p.write_bytes(b"\xef\xbb\xbf" + NOTES.encode())  # a BOM is accepted
    return p


def run(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_themes_contract(notes_csv, tmp_path, capsys):
    out_path = tmp_path / "out.json"
    code, _, err = run(["themes", notes_csv, "--output", out_path, "--seed", "0"], capsys)
    assert code == 0, err
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert data["params"] == {"seed": 0, "themes": "auto"}
    ids = [i for t in data["themes"] for i in t["note_ids"]] + data["unassigned"]
    assert sorted(ids) == [f"n{i}" for i in range(1, 9)]
    for t in data["themes"]:
        assert {"id", "label", "keywords", "note_ids", "representative_ids"} <= set(t)
        assert set(t["representative_ids"]) <= set(t["note_ids"])
    code, stdout, _ = run(["themes", notes_csv, "--themes", "2"], capsys)
    again = json.loads(stdout)
    assert again["params"]["themes"] == 2 and len(again["themes"]) <= 2
    code, stdout2, _ = run(["themes", notes_csv, "--themes", "2"], capsys)
    assert stdout2 == stdout  # same input and seed, same output


def test_tag_and_link(notes_csv, tmp_path, capsys):
    code, stdout, err = run(["tag", notes_csv, "--codebook", "all_children_thrive"], capsys)
    assert code == 0, err
    tags = json.loads(stdout)["tags"]
    assert [t["note_id"] for t in tags] == [f"n{i}" for i in range(1, 9)]
    assert tags[0]["codes"][0]["id"] == "housing"
    train = tmp_path / "train.csv"
    train.write_text("id,text,codes\nt1,bus shelter broken,economic_supports\n"
                     "t2,rent doubled,housing|economic_supports\n", encoding="utf-8")
    code, stdout, err = run(["tag", notes_csv, "--codebook", "all_children_thrive",
                             "--train", train], capsys)
    assert code == 0, err
    targets = tmp_path / "targets.csv"
    targets.write_text("id,text,kind\na1,Fund rental assistance,action\n"
                       "a2,Add night bus routes and shelters,action\n", encoding="utf-8")
    code, stdout, err = run(["link", notes_csv, targets, "--top", "1"], capsys)
    assert code == 0, err
    links = json.loads(stdout)["links"]
    assert links[0]["targets"][0]["id"] == "a1" and links[3]["targets"][0]["id"] == "a2"
    assert all(len(item["targets"]) == 1 for item in links)


BAD_CASES = {
    "missing column": (b"id,body\nn1,hello\n", "row 1", "missing column 'text'"),
    "empty file": (b"", "", "empty file"),
    "duplicate id": (b"id,text\nn1,a\nn2,b\nn1,c\n", "row 4", "duplicate id 'n1'"),
    "undecodable": (b"id,text\nn1,ok\nn2,caf\xe9\n", "row 3", "undecodable"),
    "empty id": (b"id,text\n,hello\n", "row 2", "empty 'id'"),
}


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_bad_input_exits_2_without_output(case, tmp_path, capsys):
    content, row, problem = BAD_CASES[case]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    out_path = tmp_path / "out.json"
    code, stdout, err = run(["themes", bad, "--output", out_path], capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert str(bad) in err and problem in err and row in err
    assert not out_path.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.csv"]  # no temp file left behind


def test_bad_codebook_and_training_file(notes_csv, tmp_path, capsys):
    cb = tmp_path / "cb.json"
    cb.write_text('{"codes": [', encoding="utf-8")
    out_path = tmp_path / "out.json"
    code, _, err = run(["tag", notes_csv, "--codebook", cb, "--output", out_path], capsys)
    assert code == 2 and str(cb) in err and "not valid JSON" in err
    cb.write_text('{"codes": [{"id": "a", "name": "A"}]}', encoding="utf-8")
    train = tmp_path / "train.csv"
    train.write_text("id,text,codes\nt1,x,a\nt2,y,zzz\n", encoding="utf-8")
    code, _, err = run(["tag", notes_csv, "--codebook", cb, "--train", train,
                        "--output", out_path], capsys)
    assert code == 2 and "row 3" in err and "unknown code 'zzz'" in err
    assert not out_path.exists()


def test_evaluate_prints_model_and_baseline(tmp_path, capsys):
    rows = ["id,text,label,codes"]
    topics = {"housing": "rent landlord eviction apartment", "transit": "bus route fare stop",
              "parks": "park playground trees swings"}
    for t, words in topics.items():
        for i in range(10):
            w = words.split()
            rows.append(f"{t}{i},{w[i % 4]} {w[(i + 1) % 4]} problem {i},{t},"
                        f"{'housing' if t == 'housing' else 'economic_supports'}")
    labelled = tmp_path / "labelled.csv"
    labelled.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run(["evaluate", labelled, "--codebook", "all_children_thrive",
                          "--output", tmp_path / "report.json"], capsys)
    assert code == 0, err
    assert "NMI" in out and "ARI" in out and "baseline" in out and "micro F1" in out
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["themes"]["model"]["nmi"] > report["themes"]["baseline_text"]["nmi"] - 0.5
    assert "zero_shot" in report["tags"] and "trained_5fold" in report["tags"]


def test_module_entry_point(notes_csv):
    proc = subprocess.run([sys.executable, "-m", "analysis", "themes", str(notes_csv)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "themes" in json.loads(proc.stdout)
    proc = subprocess.run([sys.executable, "-m", "analysis", "themes", "/nonexistent.csv"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "/nonexistent.csv" in proc.stderr
