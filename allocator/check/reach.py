"""Chains of moves through the classes of one block, searched breadth first on bit rows.

A chain is a household taking a dwelling of class c1 from its holder g1, g1 taking one of class c2 from g2, and
so on. Arriving at a class lets any one of its holders move on, and which dwelling of the class is taken does
not matter to anyone, so the search runs over classes: from class c the chain may go on to every class some
holder of c may move to. Each holder may move to two sets of classes (bit rows over the block's classes, its
own class left out): ``weak`` (suitable, wish rank no worse than its own) and ``full`` (every suitable class).

Who may make which move depends on priority: a household ahead of the one the chain is for may only move
weakly, one behind it anywhere (``seniority.py``). Holders of a class are sorted by priority, so for a chain
for the household at priority position p the moves out of class c are the weak rows of its first i holders
(those ahead of p) and the full rows of the rest: ``mixed[base[c] + i]`` holds exactly that union, for every
split i, computed once per block with a segmented prefix OR of the weak rows and suffix OR of the full rows.
The union over all holders' full rows (``i = 0``) serves unhoused households, the weak rows of all
(``i = holders``) the trade cycles.

A breadth-first search keeps each level's classes, so a shortest chain is read back from the target: for each
class the first class of the previous level that reaches it and the first holder of that class that may move.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from allocator.check.standing import Standing

_EXPAND = 4096


@dataclass(frozen=True, eq=False)
class Block:
    """The bit rows of block number ``index`` (classes ``start:stop``)."""

    index: int
    start: int
    stop: int
    members: np.ndarray  # housed numbers a of the block's holders, by (class, priority)
    weak: np.ndarray  # packed rows, one per member
    full: np.ndarray
    mixed: np.ndarray  # packed rows, base[c] + i for every class c and split i
    base: np.ndarray  # per local class

    @property
    def size(self) -> int:
        return self.stop - self.start

    def unpack(self, row: np.ndarray) -> np.ndarray:
        return np.unpackbits(row, count=self.size).astype(bool)

    def union(self, rows: np.ndarray) -> np.ndarray:
        """The local classes set in any of the given packed rows."""
        if len(rows) == 0:
            return np.zeros(self.size, bool)
        return self.unpack(np.bitwise_or.reduce(rows, axis=0))


def blocks(s: Standing) -> list[Block]:
    c = s.classes
    return [_block(s, b, int(c.block_start[b]), int(c.block_start[b + 1])) for b in range(c.n_blocks)]


def _block(s: Standing, index: int, start: int, stop: int) -> Block:
    size = stop - start
    nbytes = (size + 7) // 8
    lo, hi = int(s.class_ptr[start]), int(s.class_ptr[stop])
    members = s.holders[lo:hi]
    k = len(members)
    weak = np.zeros((k, nbytes), np.uint8)
    full = np.zeros((k, nbytes), np.uint8)
    for first in range(0, k, _EXPAND):
        group = members[first : first + _EXPAND]
        rows, classes = s.classes.classes_of(s.housed[group])
        a = group[rows]
        keep = classes != s.home_class[a]  # moving within one's own class changes nothing
        rows, classes, a = rows[keep], classes[keep], a[keep]
        fits = np.zeros((len(group), size), bool)
        fits[rows, classes - start] = True
        full[first : first + len(group)] = np.packbits(fits, axis=1)
        worse = s.rank(s.housed[a], classes) > s.own[a]
        fits[rows[worse], classes[worse] - start] = False
        weak[first : first + len(group)] = np.packbits(fits, axis=1)
    segment = s.home_class[members] - start
    prefix = _segmented_or(weak, segment)
    suffix = _segmented_or(full[::-1], segment[::-1])[::-1]
    counts = np.diff(s.class_ptr[start : stop + 1])
    base = np.concatenate([[0], np.cumsum(counts + 1)[:-1]]).astype(np.intp)
    mixed = np.zeros((k + size, nbytes), np.uint8)
    at = np.arange(k) + segment  # base[c] + i for holder i of class c
    mixed[at] = suffix
    mixed[at + 1] |= prefix
    return Block(index, start, stop, members, weak, full, mixed, base)


def _segmented_or(rows: np.ndarray, segment: np.ndarray) -> np.ndarray:
    """Inclusive running OR of the rows within each run of equal ``segment`` values (by doubling)."""
    out = rows.copy()
    step = 1
    while step < len(out):
        same = segment[step:] == segment[:-step]
        if not same.any():
            break
        shifted = out[:-step][same]
        out[step:][same] |= shifted
        step *= 2
    return out


@dataclass(frozen=True)
class Chain:
    """A chain found by ``search``: ``classes`` from the first class entered to the target, and ``movers``,
    per class but the last, the housed number of the holder who moves on from it."""

    classes: list[int]
    movers: list[int]


_BATCH = 1024  # searches run side by side; bounds the searches x classes level matrix


def search(
    s: Standing,
    block: Block,
    start: np.ndarray,
    split: Callable[[np.ndarray], np.ndarray],
    target: Callable[[np.ndarray], np.ndarray],
) -> Chain | None:
    """A shortest chain from the local classes ``start`` to a class where ``target`` holds.

    ``split(local classes)`` gives per class how many of its holders (the first, by priority) may only move
    weakly in this search; the others may move to any suitable class."""
    chains = search_many(
        s,
        block,
        np.zeros(len(start), np.intp),
        np.asarray(start),
        lambda k, c: split(c),
        lambda k, c: target(c),
    )
    return chains[0] if chains else None


def search_many(
    s: Standing,
    block: Block,
    owner: np.ndarray,
    start: np.ndarray,
    split: Callable[[np.ndarray, np.ndarray], np.ndarray],
    target: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> dict[int, Chain]:
    """Many searches side by side: search k starts from the local classes ``start[owner == k]``.

    ``split(k, c)`` and ``target(k, c)`` are evaluated for paired vectors of searches and local classes.
    Returns a shortest chain for every search that reaches a target, by search number. Each level of all
    searches together is a few array operations: the rows of the frontier's (search, class) pairs are
    gathered and OR-reduced per search."""
    found: dict[int, Chain] = {}
    if len(owner) == 0:
        return found
    n_searches = int(owner.max()) + 1
    for lo in range(0, n_searches, _BATCH):
        hi = min(n_searches, lo + _BATCH)
        mine = (owner >= lo) & (owner < hi)
        found.update(_batch(s, block, lo, hi, owner[mine], start[mine], split, target))
    return found


def _batch(s, block, lo, hi, owner, start, split, target) -> dict[int, Chain]:
    level = np.full((hi - lo, block.size), -1, np.int16)
    level[owner - lo, start] = 0
    front_k, front_c = np.nonzero(level == 0)
    hit = np.full(hi - lo, -1, np.intp)
    depth = 0
    while len(front_k):
        k = front_k + lo
        reached = target(k, front_c)
        if reached.any():
            first = np.unique(front_k[reached], return_index=True)[1]
            hit[front_k[reached][first]] = front_c[reached][first]
            keep = hit[front_k] < 0
            front_k, front_c, k = front_k[keep], front_c[keep], k[keep]
            if not len(front_k):
                break
        rows = block.mixed[block.base[front_c] + split(k, front_c)]
        starts = np.flatnonzero(np.r_[True, front_k[1:] != front_k[:-1]])
        reach = np.bitwise_or.reduceat(rows, starts, axis=0)
        searches = front_k[starts]
        bits = np.unpackbits(reach, axis=1, count=block.size).astype(bool)
        bits &= level[searches] < 0
        at, front_c = np.nonzero(bits)
        front_k = searches[at]
        depth += 1
        level[front_k, front_c] = depth
    found = {}
    for k in np.flatnonzero(hit >= 0).tolist():
        last = int(hit[k])
        levels = [np.flatnonzero(level[k] == d) for d in range(int(level[k, last]))]
        found[lo + k] = _read_back(s, block, levels, last, lambda c, kk=lo + k: split(np.full(len(c), kk), c))
    return found


def _read_back(
    s: Standing, block: Block, levels: list[np.ndarray], last: int, split: Callable[[np.ndarray], np.ndarray]
) -> Chain:
    """Each class of a breadth-first level was first reached from the level before it: walk back from the
    target through the first such class and, in it, the first holder whose move reaches the next class."""
    classes, movers = [last], []
    offset = int(s.class_ptr[block.start])
    for level in reversed(levels):
        weak = split(level)
        rows = block.mixed[block.base[level] + weak]
        bits = np.unpackbits(rows, axis=1, count=block.size)[:, classes[-1]].astype(bool)
        at = int(np.argmax(bits))
        c = int(level[at])
        first = int(s.class_ptr[block.start + c]) - offset
        stop = int(s.class_ptr[block.start + c + 1]) - offset
        for i in range(first, stop):
            rows = block.weak if i - first < weak[at] else block.full
            if block.unpack(rows[i])[classes[-1]]:
                movers.append(int(block.members[i]))
                break
        classes.append(c)
    classes.reverse()
    movers.reverse()
    return Chain([block.start + c for c in classes], movers)
