from pipeline.ids import content_ids, normalise_for_id


def test_ids_ignore_wrapping_case_and_punctuation():
    assert normalise_for_id("Belarus and  Iran\nagreed,") == normalise_for_id("belarus and iran agreed")


def test_repeated_text_gets_distinct_ids_and_ids_are_stable():
    first = content_ids(["a", "b", "a"], scope="chapter")
    assert len(set(first)) == 3
    assert first == content_ids(["a", "b", "a"], scope="chapter")
    assert first[1] == content_ids(["b"], scope="chapter")[0]
    assert content_ids(["a"], scope="other")[0] != first[0]
