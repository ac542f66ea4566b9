from hypothesis import given
from hypothesis import strategies as st

from wss_desktop.core.sync.hlc import HybridClock, decode, encode


class FakeWall:
    def __init__(self, t):
        self.t = t

    def __call__(self):
        return self.t


def test_ticks_never_go_backwards_when_the_wall_clock_does():
    wall = FakeWall(1_800_000_000.0)
    clock = HybridClock(wall=wall)
    first = clock.tick()
    wall.t -= 3600  # someone set the laptop's clock back an hour
    second = clock.tick()
    assert second > first


def test_after_seeing_a_clock_hours_ahead_local_edits_sort_after_it():
    wall = FakeWall(1_800_000_000.0)
    clock = HybridClock(wall=wall)
    remote = encode(int((wall.t + 5 * 3600) * 1000), 3)
    clock.observe(remote)
    assert clock.tick() > remote


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 10**6), st.integers(0, 50)), max_size=60))
def test_stamps_strictly_increase_whatever_happens(events):
    wall = FakeWall(1_700_000_000.0)
    clock = HybridClock(wall=wall)
    previous = clock.tick()
    for is_remote, jump_ms, counter in events:
        wall.t += (jump_ms - 500_000) / 1000
        if is_remote:
            stamp = clock.observe(encode(max(0, int(wall.t * 1000) + jump_ms - 500_000), counter))
        else:
            stamp = clock.tick()
        assert stamp > previous
        assert decode(stamp)
        previous = stamp
