"""The compact location index (records.Marks / SourceFile.locate): the same answers as a dict."""

from adrmeta.records import COLUMN_BITS, Marks, SourceFile


def packed(line: int, column: int) -> int:
    return (line << COLUMN_BITS) | column


def test_marks_find_each_pointer_and_nothing_else():
    marks = Marks({"": packed(1, 1), "/title": packed(2, 8), "/tags/0": packed(4, 5), "/ti": packed(9, 3)})
    assert marks.get("/title") == packed(2, 8)
    assert marks.get("/ti") == packed(9, 3)  # a prefix of another pointer is its own entry
    assert marks.get("") == packed(1, 1)
    assert marks.get("/tit") is None
    assert marks.get("/tags") is None
    assert len(marks) == 4


def test_a_key_with_a_line_break_is_still_found():
    marks = Marks({"/a\nb": packed(3, 2), "/c": packed(5, 1)})
    assert marks.get("/a\nb") == packed(3, 2)
    assert marks.get("/c") == packed(5, 1)
    assert marks.get("/a") is None


def test_locate_falls_back_to_the_nearest_ancestor_and_to_keys():
    file = SourceFile(
        "r.yaml", {"": packed(1, 1), "/contact": packed(6, 3), "/contact/email": packed(7, 10)}, {"/contact": packed(6, 1)}
    )
    assert (file.locate("/contact/email").line, file.locate("/contact/email").column) == (7, 10)
    assert (file.locate("/contact/name").line, file.locate("/contact/name").column) == (6, 3)
    assert file.locate("/contact", key=True).column == 1
    assert file.locate("/nowhere").line == 1
    assert file.marks is not None and SourceFile("r.yaml", file.marks).locate("/contact").line == 6  # kept as given
