"""How many of each thing a scale gives: Chenghua today at 1.0."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

# Chenghua today (issue 11).
AT_ONE = {
    "streets": 11,
    "communities": 83,
    "courtyards": 1_992,
    "units": 39_675,
    "residents": 138_863,
    "households": 470_000,
    "staff": 1_500,
    "requests": 1_500_000,
    "activities": 125_000,
    "special_families": 4_000,
    "associations": 600,
    "notifications": 300_000,
    "supports": 200_000,
    "photos": 450_000,
}
YEARS = 5
UNITS_PER_BUILDING = 3


@dataclass(frozen=True)
class Plan:
    scale: float
    seed: int
    now: datetime
    counts: dict

    def rng(self, part: str) -> random.Random:
        """One generator per part, so adding rows to one part leaves every other part unchanged."""
        return random.Random(f"{self.seed}:{part}")

    @property
    def start(self) -> datetime:
        return self.now - timedelta(days=365 * YEARS)


def plan_for(*, scale: float, seed: int, now: datetime) -> Plan:
    counts = {name: max(1, round(n * scale)) for name, n in AT_ONE.items()}
    # Every level keeps at least two nodes of the level above, so "per street" always compares two.
    counts["streets"] = max(2, counts["streets"])
    counts["communities"] = max(counts["streets"], counts["communities"])
    counts["courtyards"] = max(counts["communities"], counts["courtyards"])
    counts["units"] = max(counts["courtyards"] * UNITS_PER_BUILDING, counts["units"])
    counts["households"] = max(counts["units"], counts["households"])
    counts["residents"] = min(max(counts["communities"], counts["residents"]), counts["households"])
    counts["staff"] = max(counts["streets"] * 3 + counts["communities"] * 3 + 1, counts["staff"])
    return Plan(scale=scale, seed=seed, now=now, counts=counts)


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split over `parts` unevenly (0.5x to 1.5x of the mean), every part at least 1, summing to `total`."""
    weights = [0.5 + rng.random() for _ in range(parts)]
    scale = (total - parts) / sum(weights)
    shares = [1 + int(w * scale) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares
