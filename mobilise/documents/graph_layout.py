"""A force-directed layout for a network of a few thousand nodes, in plain Python.

Fruchterman-Reingold with repulsion only between near neighbours (a grid of cells), each connected component laid
out on its own and the components packed in rows, largest first, then overlaps pushed apart. Everything is seeded
and ordered by node id, so the same network always gives the same picture; layout_key() names a network for a cache.
"""

import hashlib
import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence

Point = tuple[float, float]

SPACING = 70.0  # the ideal length of a link, in the units of the radii
GAP = 6.0  # the least space between two node outlines
REACH = 1.25  # how far repulsion reaches, in SPACINGs
STEPS = 30
_AHEAD = ((1, 0), (1, 1), (0, 1), (-1, 1))


def layout_key(radii: Mapping[Hashable, float], edges: Iterable[tuple[Hashable, Hashable]]) -> str:
    """A short name for the network: equal for the same nodes, radii and links, whatever their order."""
    digest = hashlib.sha256()
    digest.update(repr(sorted((str(k), v) for k, v in radii.items())).encode())
    digest.update(repr(sorted(tuple(sorted((str(a), str(b)))) for a, b in edges)).encode())
    return digest.hexdigest()[:32]


def layout(radii: Mapping[Hashable, float], edges: Iterable[tuple[Hashable, Hashable]]) -> dict[Hashable, Point]:
    """{node: (x, y)} with no two nodes closer than their radii plus GAP; radii maps every node to its radius."""
    order = sorted(radii, key=str)
    index = {node: i for i, node in enumerate(order)}
    neighbours: list[set[int]] = [set() for _ in order]
    for a, b in edges:
        if a in index and b in index and a != b:
            neighbours[index[a]].add(index[b])
            neighbours[index[b]].add(index[a])
    sizes = [float(radii[node]) for node in order]
    blocks = []
    for component in _components(neighbours):
        pos = _spring(component, neighbours) if len(component) > 1 else {component[0]: (0.0, 0.0)}
        _separate(pos, sizes)
        blocks.append(pos)
    placed = _pack(blocks, sizes)
    return {order[i]: xy for i, xy in placed.items()}


def _components(neighbours: Sequence[set[int]]) -> list[list[int]]:
    seen: set[int] = set()
    found = []
    for start in range(len(neighbours)):
        if start in seen:
            continue
        seen.add(start)
        component, frontier = [start], [start]
        while frontier:
            nxt = []
            for node in frontier:
                for other in sorted(neighbours[node] - seen):
                    seen.add(other)
                    component.append(other)
                    nxt.append(other)
            frontier = nxt
        found.append(component)
    return sorted(found, key=lambda c: (-len(c), c[0]))


def _spring(nodes: list[int], neighbours: Sequence[set[int]]) -> dict[int, Point]:
    """Fruchterman-Reingold on one component. Repulsion reaches REACH * SPACING, through a grid of cells that
    size, so each step costs about the number of nodes rather than its square. Nodes start on a sunflower spiral in
    breadth-first order, so linked nodes start near each other and few steps are needed."""
    k = SPACING
    n = len(nodes)
    local = {node: i for i, node in enumerate(nodes)}
    links = [[local[o] for o in sorted(neighbours[node])] for node in nodes]
    golden = math.pi * (3 - math.sqrt(5))
    xs = [k * 0.8 * math.sqrt(i + 0.5) * math.cos(i * golden) for i in range(n)]
    ys = [k * 0.8 * math.sqrt(i + 0.5) * math.sin(i * golden) for i in range(n)]
    cell = REACH * k
    reach2 = cell * cell
    k2 = k * k
    steps = STEPS
    temperature = k * math.sqrt(n) / 6
    target = k * math.sqrt(n / math.pi / 2)
    for step in range(steps):
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):
            cells[(int(xs[i] // cell), int(ys[i] // cell))].append(i)
        fxs, fys = [0.0] * n, [0.0] * n
        for (cx, cy), members in cells.items():
            # Each pair once: within the cell, and with the four neighbouring cells ahead of it.
            ahead = [o for dx, dy in _AHEAD for o in cells.get((cx + dx, cy + dy), ())]
            for a, i in enumerate(members):
                x, y = xs[i], ys[i]
                fx = fy = 0.0
                for j in members[a + 1 :] + ahead:
                    dx, dy = x - xs[j], y - ys[j]
                    d2 = dx * dx + dy * dy
                    if d2 < reach2:
                        if d2 < 0.01:
                            dx, dy, d2 = 0.1 * (i - j), 0.1, 0.01 * (1 + (i - j) ** 2)
                        f = k2 / d2
                        fx += dx * f
                        fy += dy * f
                        fxs[j] -= dx * f
                        fys[j] -= dy * f
                fxs[i] += fx
                fys[i] += fy
        for i in range(n):
            x, y = xs[i], ys[i]
            pull = k * (1 + len(links[i])) / 2
            fx = fy = 0.0
            for j in links[i]:
                dx, dy = x - xs[j], y - ys[j]
                d = math.sqrt(dx * dx + dy * dy) / pull
                fx -= dx * d
                fy -= dy * d
            fxs[i] += fx
            fys[i] += fy
        cooled = temperature * (1 - step / steps) + 1
        for i in range(n):
            fx, fy = fxs[i], fys[i]
            length = math.sqrt(fx * fx + fy * fy)
            if length > cooled:
                fx, fy = fx * cooled / length, fy * cooled / length
            xs[i] += fx
            ys[i] += fy
        # Repulsion stops at REACH, so nothing else keeps the whole from shrinking into a crowd: hold it to the
        # spread of a disc with room SPACING wide for every node.
        mx, my = sum(xs) / n, sum(ys) / n
        spread = math.sqrt(sum((x - mx) ** 2 + (y - my) ** 2 for x, y in zip(xs, ys, strict=True)) / n) or 1.0
        scale = target / spread
        if scale > 1:
            xs = [mx + (x - mx) * scale for x in xs]
            ys = [my + (y - my) * scale for y in ys]
    return {node: (xs[i], ys[i]) for i, node in enumerate(nodes)}


def _separate(pos: dict[int, Point], sizes: Sequence[float], rounds: int = 20) -> None:
    """Push apart any two nodes closer than their radii plus GAP, a few rounds, through a grid of cells."""
    cell = 2 * max(sizes[node] for node in pos) + GAP
    for _ in range(rounds):
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for node in sorted(pos):
            x, y = pos[node]
            cells[(int(x // cell), int(y // cell))].append(node)
        moved = False
        for (cx, cy), members in sorted(cells.items()):
            near = [o for dx in (-1, 0, 1) for dy in (-1, 0, 1) for o in cells.get((cx + dx, cy + dy), ())]
            for node in members:
                for other in near:
                    if other <= node:
                        continue
                    (x, y), (ox, oy) = pos[node], pos[other]
                    want = sizes[node] + sizes[other] + GAP
                    dx, dy = ox - x, oy - y
                    d = math.sqrt(dx * dx + dy * dy)
                    if d >= want:
                        continue
                    if d < 1e-6:
                        dx, dy, d = 1.0, 0.0, 1.0
                    push = (want - d) / 2 + 0.5
                    ux, uy = dx / d * push, dy / d * push
                    pos[node] = (x - ux, y - uy)
                    pos[other] = (ox + ux, oy + uy)
                    moved = True
        if not moved:
            return


def _pack(blocks: list[dict[int, Point]], sizes: Sequence[float]) -> dict[int, Point]:
    """Components side by side in rows about as wide as the whole is tall, largest first."""
    boxes = []
    for pos in blocks:
        x0 = min(x - sizes[n] for n, (x, _) in pos.items())
        y0 = min(y - sizes[n] for n, (_, y) in pos.items())
        x1 = max(x + sizes[n] for n, (x, _) in pos.items())
        y1 = max(y + sizes[n] for n, (_, y) in pos.items())
        boxes.append((x0, y0, x1 - x0, y1 - y0))
    margin = SPACING / 2
    area = sum((w + margin) * (h + margin) for _, _, w, h in boxes)
    row_width = max(math.sqrt(area) * 1.3, max((w for _, _, w, _ in boxes), default=0))
    placed: dict[int, Point] = {}
    x = y = row_height = 0.0
    for pos, (x0, y0, w, h) in zip(blocks, boxes, strict=True):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + margin, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w + margin
        row_height = max(row_height, h)
    return placed
