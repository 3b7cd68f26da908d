"""The seed article's argument map: who benefits from the coalition's airstrikes on ISIS in Syria?

Usage: python examples/syria_airstrikes.py [OUTDIR]     (OUTDIR defaults to build/)

Writes OUTDIR/syria_airstrikes.json, .dot, .svg, .png, .eval.svg (the map evaluated
with DF-QuAD) and .html (the report: the article beside its map) and prints one line
per file, then the map's coverage of the article.  Exits 1 (after writing the JSON and the DOT) when Graphviz's ``dot``
is missing.  ``build_map()`` returns the map; docs/seed-map.md lists its claims.

The article has two conclusions, so the map has two roots: the thesis (both
ISIS and Assad may benefit) and the verdict on the coalition's strategy (a
narrow, short-term counter-terrorism strategy is unlikely to succeed).  Every
claim quotes the exact words of the article it paraphrases.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import argmap
from argmap import ArgumentMap, MapBuilder, Source

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "seeds" / "000_7b4271381ed26147.txt"
# Conclusions on the left, reasons to their right: this wide, shallow map then fits a page.
DIRECTION = "left"


def build_map() -> ArgumentMap:
    source = Source.from_file(ARTICLE, title="Op-ed: the coalition's airstrikes against ISIS in Syria")
    b = MapBuilder(title="Who benefits from the coalition airstrikes in Syria?", source=source)
    claim = b.claim

    def because(target, id, text, quote):
        """A new claim *id* that supports *target*; returns the claim."""
        return b.support(target, claim(text, id=id, quote=quote)).premise

    def but(target, id, text, quote):
        """A new claim *id* that attacks *target*; returns the claim."""
        return b.attack(target, claim(text, id=id, quote=quote)).premise

    # ---- Thesis: both ISIS and Assad may benefit (a conjunction: linked premises) ----------
    thesis = claim("Both ISIS and the Assad regime may benefit from the foreign airstrikes", id="thesis",
                   quote="both ISIS and Assad may be the beneficiaries of the foreign airstrikes")
    assad = claim("In the short term, the strikes serve the Assad regime's interests", id="assad-benefits",
                  quote="In the short term, the international coalition's counter-terrorism strategy may "
                        "certainly be in the interests of the Assad regime")
    isis = claim("ISIS can use the strikes as a pretext to advance its aims", id="isis-benefits",
                 quote="using them as a pretext to further advance their political interests")
    b.support(thesis, [assad, isis], id="both-benefit")

    # ---- Line 1: the strikes serve Assad ----------------------------------------------------
    # 1a. ISIS retreats and only the army can take its land (linked: each alone proves nothing) ...
    territory = b.support(assad, [
        claim("The strikes force ISIS to retreat from some of its territory", id="isis-retreats",
              quote="Military strikes are to some extent forcing ISIS fighters to retreat from "
                    "territories under their control"),
        claim("Other rebels, the Free Syrian Army included, cannot exploit the strikes",
              id="rebels-cannot-exploit",
              quote="Other opposition groups -- including the Free Syrian Army -- are unlikely to have "
                    "the capability to take advantage of these strikes"),
        claim("The Syrian army, superior in the air, can best retake ISIS land", id="army-best-placed",
              quote="The Syrian military is still superior when it comes to aerial force and may be "
                    "best placed to retake ISIS territories"),
    ], id="gains-territory")
    # ... but the army lacks the means to cash in: this attacks the inference, not a premise.
    constraints = claim("Lacking resources, the army could not fully exploit the strikes", id="resource-constraints",
                        quote="resource constraints have prevented the military from taking full advantage of "
                              "the coalition strikes")
    b.undercut(territory, constraints)
    because(constraints, "hold-cities", "Assad must concentrate on holding the large cities",
            "Assad needs to focus on holding the large cities already under government control")
    but(constraints, "aleppo-advances", "Government forces did advance slightly in Aleppo",
        "government forces have made slight advances in Aleppo")
    # ... and so far nobody has gained ground (conceded, not rebutted, by the article).
    balance = but(assad, "balance-unchanged", "The balance of power has not shifted to either side",
                  "the balance of power has not shifted significantly either in favor of the government "
                  "forces or rebel groups")
    because(balance, "isis-advancing", "ISIS lost some territory but is advancing elsewhere",
            "ISIS has been pushed out of some territories, but is advancing in others")

    # 1b. Damascus itself welcomes the strikes: Moallem's "it's OK" outweighs his legal complaint.
    welcomes = because(assad, "regime-welcomes", "Damascus sees the strikes as good for its hold on power",
                       "the Syrian government views the coalition strikes as beneficial to its hold on power")
    moallem = because(welcomes, "moallem-ok", "Moallem: if the aim is to strike ISIS, it's OK",
                      "if their aim is to strike against ISIS, it's OK")
    illegitimate = but(welcomes, "strikes-illegitimate", "Moallem: without UN approval the strikes lack legitimacy",
                       "without U.N. Security Council approval, the U.S. strikes lacked legitimacy")
    b.attack(illegitimate, moallem)  # "But ... it's OK"

    # 1c. Enemy of my enemy: the coalition finds itself on Assad's side.
    proverb = because(assad, "enemy-of-my-enemy", "Enemy of my enemy: fighting ISIS makes the coalition Assad's friend",
                      'the "enemy of my enemy is my friend" apply to this case')
    sides = because(proverb, "sides-with-assad-allies", "West and Arab states end up beside Assad's allies, Russia and Iran",
                    "the Syrian government has found the U.S., Western allies, and Arab states on the side of "
                    "its own allies Russia and the Islamic Republic of Iran")
    because(sides, "no-regime-change", "The U.S. and its allies rule out regime change as an aim",
            "the U.S. and Western allies have made it clear that regime change is not an objective of this "
            "military campaign")
    because(sides, "regime-not-targeted", "The strikes spare the regime's forces and infrastructure",
            "Coalition strikes have not been targeting the Syrian government's military forces or infrastructure")

    # 1d. The regime uses the strikes as cover for its own atrocities.
    cover = because(assad, "regime-cover", "The regime stepped up its attacks in the shadow of the strikes",
                    "the Assad government has in fact ratcheted up its attacks in the shadow of the strikes")
    because(cover, "report-221", "Monitor: regime airstrikes killed 221 civilians, exploiting the ISIS focus",
            'regime airstrikes had killed 221 civilians, "taking advantage of the international media focusing on ISIS')

    # ---- Line 2: the strikes serve ISIS -----------------------------------------------------
    # ISIS comes out intact and spread wider (linked: surviving alone is no gain).
    b.support(isis, [
        claim("The strikes failed to dismantle ISIS's command structure", id="command-intact",
              quote="has failed to dismantle the group's structure of command"),
        claim("The strikes pushed ISIS fighters further beyond Syria's borders", id="militants-spread",
              quote="has pushed its militants further beyond the country's borders"),
    ], id="isis-intact-and-spread")
    radicalization = claim("Syria will be ripe for radicalization, militarization, civilian suffering",
                           id="ripe-for-radicalization",
                           quote="Syria's social and political environment will be ripe for further "
                                 "radicalization, militarization and ultimately further civilian suffering")
    b.support(isis, radicalization)

    # ---- Second conclusion: the narrow strategy is unlikely to succeed ----------------------
    narrow = claim("A narrow, short-term strategy ignoring the wider war will likely fail",
                   id="narrow-strategy-fails",
                   quote="A narrow and short-term counter-terrorism strategy that fails to take into account "
                         "the many layers of the wider Syrian conflict is unlikely to succeed")

    # 2a. Civilians and rebels are frustrated by the narrow focus.
    frustrated = because(narrow, "frustrated", "Civilians and rebels are frustrated by the coalition's narrow focus",
                         "Civilians and opposition rebel forces have been left frustrated by the coalition's narrow focus")
    because(frustrated, "brutality-ignored", "Civilians ask why the world acts on ISIS but ignored Assad's brutality",
            "Syrian civilians might also question why the international community decided to intervene against "
            "ISIS after ignoring -- for several years -- the Syrian government's brutality")

    # 2b. Civilian suffering.
    because(narrow, "attention-deflected", "The campaign deflects attention from atrocities against civilians",
            "the coalition's anti-ISIS campaign has deflected attention from the Syrian government and "
            "armed rebel group's atrocities against civilians")
    because(narrow, "crisis-not-eased", "The offensive has not eased Syria's humanitarian crisis",
            "The offensive has not alleviated the humanitarian crisis facing the Syrian people")
    because(narrow, "casualties-outcry", "Civilian casualties are stirring a domestic outcry against intervention",
            "civilian casualties -- are increasingly leading to a domestic outcry against such intervention")

    # 2c. Tackling the disease: the roots of the war are left alone.
    because(narrow, "roots-ignored", "The coalition treats the symptoms, not the war's roots",
            "the coalition does not address the fundamental roots of the war, tackling the disease itself "
            "rather than the symptoms")

    # 2d. Escalation: the strikes expand, the stalemate lasts, every player pursues its own goals.
    because(narrow, "strikes-expand", "The strikes will keep expanding and escalate the conflict",
            "the coalition strikes against ISIS in Syria will inevitably keep expanding, working to escalate "
            "the conflict")
    b.support(narrow, radicalization)
    stalemate = claim("The balance between government and rebels will likely persist", id="balance-persists",
                      quote="the current balance of power between the government forces and various rebel and "
                            "armed groups will likely continue")
    goals = claim("All players will keep pursuing their own goals", id="own-goals",
                  quote="Domestic, regional, international and non-state players will continue to pursue their own goals")
    b.support(radicalization, [stalemate, goals], id="instability")  # "Amid ongoing instability and competing interests"
    because(stalemate, "no-shift", "Hitting Assad's forces is unlikely: many states have a stake",
            "A strategic shift to target the Syrian government's military infrastructure is unlikely as many "
            "regional and international state actors have a stake in Syria")
    but(stalemate, "rebel-training", "Coalition training may improve some rebel groups' capabilities",
        "Coalition training may gradually improve some of the Syrian rebel groups' military capabilities")

    return b.build()


def main(argv: list[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else ROOT / "build"
    outdir.mkdir(parents=True, exist_ok=True)
    m = build_map()
    stem = outdir / "syria_airstrikes"

    from argmap.render import render

    argmap.dump(m, stem.with_suffix(".json"))
    print(f"wrote {stem.with_suffix('.json')}")
    # Argdown (docs/argdown.md) holds the claims, relations and quotes; its
    # front matter names the article by its path, relative to the .argdown file.
    from argmap.formats.argdown import dumps as argdown_dumps

    argdown = stem.with_suffix(".argdown")
    argdown.write_text(argdown_dumps(m, source_path=os.path.relpath(ARTICLE, outdir)), encoding="utf-8")
    print(f"wrote {argdown}")
    for suffix in (".dot", ".svg", ".png"):  # DOT needs no Graphviz; SVG and PNG need dot
        try:
            render(m, stem.with_suffix(suffix), direction=DIRECTION)
        except argmap.ExecutableNotFound as e:
            print(f"error: cannot write {stem}.svg and .png: {e}", file=sys.stderr)
            return 1
        print(f"wrote {stem.with_suffix(suffix)}")

    # The map evaluated with DF-QuAD (docs/evaluation.md): strengths drawn on the claims.
    from argmap.semantics import evaluate

    evaluated = outdir / "syria_airstrikes.eval.svg"
    print(f"wrote {render(m, evaluated, direction=DIRECTION, evaluation=evaluate(m, 'df-quad'))}")

    from argmap.report import write_report
    from argmap.source import coverage

    print(f"wrote {write_report(m, stem.with_suffix('.html'), direction=DIRECTION)}")
    print(f"coverage: {coverage(m).summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
