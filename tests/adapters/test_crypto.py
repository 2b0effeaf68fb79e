import stat

import pytest

from lingji.adapters.crypto import create_key_file, load_key_file
from lingji.exceptions import KeyFileInvalid, KeyFileMissing


def test_a_sealed_value_opens_with_its_key_and_field(key_ring):
    sealed = key_ring.encrypt("11010119850512567X", field="id_number")
    assert b"1101011985" not in sealed
    assert key_ring.decrypt(sealed, field="id_number") == "11010119850512567X"


def test_the_same_value_seals_differently_each_time_but_hashes_the_same(key_ring):
    first = key_ring.encrypt("王晓明", field="person_name")
    second = key_ring.encrypt("王晓明", field="person_name")
    assert first != second
    assert key_ring.keyed_hash("王晓明", field="person_name") == key_ring.keyed_hash(
        "王晓明", field="person_name"
    )


def test_a_value_moved_to_another_field_does_not_open(key_ring):
    sealed = key_ring.encrypt("王晓明", field="person_name")
    with pytest.raises(KeyFileInvalid):
        key_ring.decrypt(sealed, field="id_number")


def test_another_installation_cannot_open_or_match_the_data(key_ring, tmp_path):
    other = create_key_file(tmp_path / "other.key")
    sealed = key_ring.encrypt("王晓明", field="person_name")
    with pytest.raises(KeyFileInvalid):
        other.decrypt(sealed, field="person_name")
    assert other.keyed_hash("王晓明", field="person_name") != key_ring.keyed_hash(
        "王晓明", field="person_name"
    )


def test_the_key_file_is_private_and_never_overwritten(key_file):
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    with pytest.raises(KeyFileInvalid, match="已存在"):
        create_key_file(key_file)


def test_a_missing_or_foreign_key_file_is_explained(tmp_path):
    with pytest.raises(KeyFileMissing, match="lingji init"):
        load_key_file(tmp_path / "none.key")
    (tmp_path / "bad.key").write_text("{}")
    with pytest.raises(KeyFileInvalid):
        load_key_file(tmp_path / "bad.key")


def test_sealing_many_values_gives_what_sealing_one_at_a_time_gives(key_ring):
    values = ["11010119850512567X", None, "王晓明", "王晓明"]
    sealed, hashed = key_ring.seal(values, field="person_name")
    assert sealed[1] is None and hashed[1] is None
    for value, ciphertext, digest in zip(values, sealed, hashed, strict=True):
        if value is None:
            continue
        assert key_ring.decrypt(ciphertext, field="person_name") == value
        assert digest == key_ring.keyed_hash(value, field="person_name")
        assert value.encode() not in ciphertext
    assert sealed[2] != sealed[3]  # each value has a nonce of its own
    assert len({c[:12] for c in sealed if c}) == 3
    with pytest.raises(KeyFileInvalid):
        key_ring.decrypt(sealed[0], field="id_number")  # the field is bound in
    assert key_ring.seal([], field="id_number") == ([], [])
