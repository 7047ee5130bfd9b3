#!/usr/bin/env python3
"""Makes a Piper voice loadable by sherpa-onnx (Python standard library only).

    prepare-piper-voice.py VOICE.onnx VOICE.onnx.json OUT_DIR

Writes into OUT_DIR (each file to a temporary name, then renamed):
  model.onnx   the model with the metadata properties sherpa-onnx requires (without them it exits the whole process),
               and a fixed seed on its random-noise nodes (the same text gives the same audio in a new process)
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
    """(field number, wire type, value, start, end) of one protobuf message's top-level fields; buf[start:end] is the
    whole field, tag included."""
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
        start = i
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
        yield field, wire, value, start, i


def existing_metadata_keys(model: bytes) -> set:
    """Keys of the metadata_props already in the model."""
    return {bytes(v).decode() for f, _, entry, _, _ in fields(model) if f == 14
            for k, _, v, _, _ in fields(entry) if k == 1}


def seeded_random_nodes(model: bytes, seed: float) -> bytes:
    """The model with a fixed `seed` attribute on its RandomNormalLike nodes (VITS draws its noise with them).

    Without a seed onnxruntime seeds them from the clock, so the same text sounds slightly different on every run;
    seeded, the first synthesis of a process is always the same (later ones continue the generator's sequence).
    ModelProto.graph is field 7, GraphProto.node field 1, NodeProto.op_type field 4 and .attribute field 5;
    AttributeProto: name 1, f 2 (float), type 20 (FLOAT = 1)."""
    import struct
    seed_attribute = length_delimited(1, b"seed") + bytes([0x15]) + struct.pack("<f", seed) + bytes([0xA0, 0x01, 0x01])

    def rewrite_graph(graph: bytes) -> bytes:
        out = bytearray()
        for f, _, value, start, end in fields(graph):
            if f == 1:
                node = bytes(value)
                op = next((bytes(v) for k, _, v, _, _ in fields(node) if k == 4), b"")
                names = {bytes(n) for k, _, a, _, _ in fields(node) if k == 5 for kk, _, n, _, _ in fields(a) if kk == 1}
                if op in (b"RandomNormalLike", b"RandomNormal", b"RandomUniformLike", b"RandomUniform") and b"seed" not in names:
                    out += length_delimited(1, node + length_delimited(5, seed_attribute))
                    continue
            out += graph[start:end]
        return bytes(out)

    out = bytearray()
    for f, _, value, start, end in fields(model):
        out += length_delimited(7, rewrite_graph(bytes(value))) if f == 7 else model[start:end]
    return bytes(out)


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
    model = seeded_random_nodes(model, seed=1234.0)
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
