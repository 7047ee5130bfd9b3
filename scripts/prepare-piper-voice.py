#!/usr/bin/env python3
"""Makes a Piper voice loadable by sherpa-onnx (Python standard library only).

    prepare-piper-voice.py VOICE.onnx VOICE.onnx.json OUT_DIR

Writes into OUT_DIR (each file to a temporary name, then renamed):
  model.onnx   the model with the metadata properties sherpa-onnx requires (without them it exits the whole process)
  config.json  a copy of the voice's JSON config (sample rate, scales, espeak voice)
  tokens.txt   sherpa's token table, one "SYMBOL ID" line per entry of the config's phoneme_id_map

The metadata is added without PyPI `onnx`: an ONNX file is a serialized ModelProto, in which metadata_props is the
repeated field 14 (StringStringEntryProto: key = 1, value = 2). Protobuf merges repeated fields that appear later in
the stream, so appending the encoded entries to the file's bytes adds them.
"""
import json
import os
import sys


def varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def length_delimited(field: int, payload: bytes) -> bytes:
    return varint(field << 3 | 2) + varint(len(payload)) + payload


def metadata_entry(key: str, value: str) -> bytes:
    entry = length_delimited(1, key.encode()) + length_delimited(2, value.encode())
    return length_delimited(14, entry)


def fields(buf: bytes):
    """(field number, wire type, value) of one protobuf message's top-level fields."""
    def read_varint(i):
        result = shift = 0
        while True:
            b = buf[i]
            i += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return result, i

    i = 0
    while i < len(buf):
        tag, i = read_varint(i)
        field, wire = tag >> 3, tag & 7
        if wire == 0:
            value, i = read_varint(i)
        elif wire == 2:
            n, i = read_varint(i)
            value, i = buf[i:i + n], i + n
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            value, i = buf[i:i + size], i + size
        else:
            raise SystemExit(f"prepare-piper-voice: unexpected protobuf wire type {wire} in the model")
        yield field, wire, value


def existing_metadata_keys(model: bytes) -> set:
    """Keys of the metadata_props already in the model."""
    return {bytes(v).decode() for f, _, entry in fields(model) if f == 14
            for k, _, v in fields(entry) if k == 1}


def write_atomically(path: str, data: bytes) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def main() -> None:
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    model_path, config_path, out_dir = sys.argv[1:]
    with open(config_path, "rb") as f:
        config_bytes = f.read()
    config = json.loads(config_bytes)
    with open(model_path, "rb") as f:
        model = f.read()

    metadata = {
        "model_type": "vits",
        "comment": "piper",
        "language": config.get("language", {}).get("name_english", "English"),
        "voice": config["espeak"]["voice"],
        "has_espeak": "1",
        "n_speakers": str(config.get("num_speakers", 1)),
        "sample_rate": str(config["audio"]["sample_rate"]),
        # Piper's ids already have a pad after every phoneme; sherpa's add_blank would add more (garbled speech).
        "add_blank": "0",
    }
    present = existing_metadata_keys(model)
    extra = b"".join(metadata_entry(k, v) for k, v in metadata.items() if k not in present)

    lines = []
    for symbol, ids in config["phoneme_id_map"].items():
        if "\n" in symbol or "\r" in symbol:
            raise SystemExit(f"prepare-piper-voice: symbol {symbol!r} cannot be written to tokens.txt")
        lines.append(f"{symbol} {ids[0]}\n")

    os.makedirs(out_dir, exist_ok=True)
    write_atomically(os.path.join(out_dir, "config.json"), config_bytes)
    write_atomically(os.path.join(out_dir, "tokens.txt"), "".join(lines).encode())
    write_atomically(os.path.join(out_dir, "model.onnx"), model + extra)


if __name__ == "__main__":
    main()
