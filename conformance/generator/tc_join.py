"""cat, stack, split, chunk, unbind."""
from tc_util import DT, L, T, make_case, rnd, rint, rbool


def cases():
    c = []
    for dt, d in DT.items():
        a, b, e = rnd(2, 3, dtype=d), rnd(1, 3, dtype=d), rnd(4, 3, dtype=d)
        c.append(make_case(f"cat/{dt}/dim0", "cat", [L([T(a), T(b), T(e)])], {"dim": 0}))
        c.append(make_case(f"cat/{dt}/dim1", "cat", [L([T(a), T(rnd(2, 5, dtype=d))])], {"dim": 1}))
        c.append(make_case(f"cat/{dt}/negative-dim", "cat", [L([T(a), T(rnd(2, 1, dtype=d))])], {"dim": -1}))
        c.append(make_case(f"cat/{dt}/single", "cat", [L([T(a)])], {"dim": 0}))
        c.append(make_case(f"cat/{dt}/non-contiguous", "cat", [L([T(rnd(3, 2, dtype=d), views=[["transpose", 0, 1]]), T(a, views=[["slice", 1, 0, 3, 1]])])], {"dim": 0}))
        c.append(make_case(f"cat/{dt}/with-empty", "cat", [L([T(a), T(rnd(0, 3, dtype=d)), T(b)])], {"dim": 0}))
        c.append(make_case(f"cat/{dt}/3d-middle", "cat", [L([T(rnd(2, 1, 2, dtype=d)), T(rnd(2, 3, 2, dtype=d))])], {"dim": 1}))
        c.append(make_case(f"stack/{dt}/dim0", "stack", [L([T(a), T(rnd(2, 3, dtype=d))])], {"dim": 0}))
        c.append(make_case(f"stack/{dt}/dim-last", "stack", [L([T(a), T(rnd(2, 3, dtype=d)), T(rnd(2, 3, dtype=d))])], {"dim": -1}))
        c.append(make_case(f"stack/{dt}/middle", "stack", [L([T(a), T(rnd(3, 2, dtype=d), views=[["transpose", 0, 1]])])], {"dim": 1}))
        c.append(make_case(f"stack/{dt}/0d", "stack", [L([T(rnd(dtype=d)), T(rnd(dtype=d))])], {"dim": 0}))
        x = rnd(5, 4, dtype=d)
        c.append(make_case(f"split/{dt}/size", "split", [T(x)], {"split_size": 2, "dim": 0}))
        c.append(make_case(f"split/{dt}/sections", "split", [T(x)], {"split_size": [1, 3], "dim": 1}))
        c.append(make_case(f"split/{dt}/sections-with-zero", "split", [T(x)], {"split_size": [2, 0, 3], "dim": 0}))
        c.append(make_case(f"split/{dt}/bigger-than-dim", "split", [T(x)], {"split_size": 7, "dim": -1}))
        c.append(make_case(f"split/{dt}/of-view", "split", [T(x, views=[["transpose", 0, 1]])], {"split_size": 3, "dim": 1}))
        c.append(make_case(f"chunk/{dt}/even", "chunk", [T(x)], {"chunks": 2, "dim": 1}))
        c.append(make_case(f"chunk/{dt}/uneven", "chunk", [T(x)], {"chunks": 3, "dim": 0}))
        c.append(make_case(f"chunk/{dt}/fewer-than-asked", "chunk", [T(rnd(6, dtype=d))], {"chunks": 4, "dim": 0}))
        c.append(make_case(f"chunk/{dt}/more-than-size", "chunk", [T(rnd(2, 3, dtype=d))], {"chunks": 5, "dim": 0}))
        c.append(make_case(f"unbind/{dt}/dim0", "unbind", [T(rnd(3, 2, dtype=d))], {"dim": 0}))
        c.append(make_case(f"unbind/{dt}/dim-last", "unbind", [T(rnd(2, 3, 2, dtype=d))], {"dim": -1}))
    # PyTorch's legacy rule: 1-D empty tensors are skipped whatever the other shapes
    c.append(make_case("cat/float32/legacy-empty-1d", "cat", [L([T(rnd(2, 3)), T(rnd(0)), T(rnd(1, 3))])], {"dim": 0}))
    c.append(make_case("cat/float32/all-empty", "cat", [L([T(rnd(0, 3)), T(rnd(0, 3))])], {"dim": 1}))
    c.append(make_case("cat/int64/dim0", "cat", [L([T(rint(2, 2)), T(rint(1, 2))])], {"dim": 0}))
    c.append(make_case("cat/bool/dim1", "cat", [L([T(rbool(2, 2)), T(rbool(2, 1))])], {"dim": 1}))
    c.append(make_case("cat/float32/promote-int", "cat", [L([T(rnd(1, 2)), T(rint(1, 2))])], {"dim": 0}))
    c.append(make_case("cat/float64/promote-float32", "cat", [L([T(rnd(1, 2)), T(rnd(2, 2, dtype=DT["float64"]))])], {"dim": 0}))
    c.append(make_case("stack/int64/basic", "stack", [L([T(rint(3)), T(rint(3))])], {"dim": 1}))
    c.append(make_case("split/int64/size", "split", [T(rint(5))], {"split_size": 2}))
    return c
