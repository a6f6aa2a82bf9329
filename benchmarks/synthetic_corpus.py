"""A seeded synthetic corpus of Chinese governance documents, for benchmarks (not for quality figures).

    .venv/bin/python benchmarks/synthetic_corpus.py OUT_DIR --docs 1000 --seed 7

Documents are notices (通知), implementation plans (实施方案), work reports (工作报告) and experience
articles (经验做法). Each is put together from sentence templates whose slots are filled from the
bundled lexicon (:func:`kg.nlp.lexicon.load_default_lexicon`): actors, mechanisms, goals, challenges
and policies by class, organisation names composed from places and head morphemes, trigger verbs by the
relation they signal, and measure words for the figures. Titles, document numbers, dates, headings and
lengths vary (about 300 to 3,500 characters); about one file in ten is Markdown or HTML, so markup
stripping is exercised too. Nothing is copied from the bundled sample article.
"""

from __future__ import annotations

import argparse
import html
import random
from dataclasses import dataclass
from pathlib import Path

from kg.nlp.lexicon import Lexicon, load_default_lexicon

__all__ = ["Vocabulary", "document", "generate", "vocabulary"]

#: province abbreviations used in document numbers (苏政办发〔2022〕60号)
_ABBR = {"江苏": "苏", "浙江": "浙", "安徽": "皖", "山东": "鲁", "广东": "粤", "福建": "闽", "河南": "豫",
         "湖北": "鄂", "湖南": "湘", "四川": "川", "河北": "冀", "江西": "赣", "辽宁": "辽", "吉林": "吉",
         "陕西": "陕", "山西": "晋", "云南": "云", "贵州": "黔", "广西": "桂", "甘肃": "甘"}
_NUMERALS = "一二三四五六七八九十"
_ORG_KINDS = ("民政局", "发展改革委", "财政局", "人力资源社会保障局", "住房城乡建设局", "卫生健康委", "司法局",
              "农业农村局", "教育局", "应急管理局", "市场监管局", "医疗保障局", "数据局", "退役军人事务局")
_PARTY_KINDS = ("委组织部", "委政法委", "委宣传部", "委社会工作部", "纪委监委")
_ADDRESSEES = ("各市、县(市、区)人民政府，省各委办厅局，省各直属单位:", "各区人民政府，市各委办局:",
               "各乡镇人民政府、街道办事处，县各有关部门:", "各设区市民政局:")
_CLOSING = ("各地各部门要高度重视，切实加强组织领导，确保各项任务落到实处。",
            "请结合实际认真贯彻落实，执行中遇到的问题及时报告。",
            "各责任单位要细化工作举措，定期报送工作进展。",
            "本方案自印发之日起施行。")
_FILLER = ("坚持以人民为中心的发展思想，", "坚持问题导向和目标导向相结合，", "立足当前、着眼长远，",
           "按照统筹推进、分类施策的原则，", "坚持试点先行、以点带面，")
_SECTIONS = {
    "notice": ("总体要求", "重点任务", "保障措施"),
    "plan": ("指导思想", "工作目标", "主要任务", "实施步骤", "组织保障"),
    "report": ("基本情况", "主要做法", "取得成效", "存在问题", "下一步打算"),
    "practice": ("背景", "主要做法", "工作成效", "经验启示"),
}


@dataclass(frozen=True)
class Vocabulary:
    """Lexicon entries by role, and the grammar words the templates use."""

    provinces: tuple[str, ...]
    cities: tuple[str, ...]
    actors: tuple[str, ...]
    groups: tuple[str, ...]
    mechanisms: tuple[str, ...]
    platforms: tuple[str, ...]
    goals: tuple[str, ...]
    challenges: tuple[str, ...]
    policies: tuple[str, ...]
    events: tuple[str, ...]
    heads_mech: tuple[str, ...]
    triggers: dict[str, tuple[str, ...]]
    count_units: tuple[str, ...]


def vocabulary(lx: Lexicon | None = None) -> Vocabulary:
    """The template vocabulary from the bundled lexicon (or ``lx``)."""
    lx = lx or load_default_lexicon()
    by_cls: dict[str, list[str]] = {}
    for surface, e in lx.entries.items():
        if surface == e.label and 2 <= len(surface) <= 14:
            by_cls.setdefault(e.cls, []).append(surface)

    def pick(*classes: str) -> tuple[str, ...]:
        return tuple(sorted({s for c in classes for s in by_cls.get(c, [])}))

    provinces = tuple(sorted({e.label for e in lx.places.values() if e.admin_level == "province"
                              and e.label.endswith("省")}))
    cities = tuple(sorted({e.label for e in lx.places.values() if e.admin_level == "city"}))
    triggers: dict[str, list[str]] = {}
    for verb, prop in lx.triggers.items():
        triggers.setdefault(prop, []).append(verb)
    heads = tuple(sorted(h for h, (cls, _, _) in lx.heads.items()
                         if cls in ("Institution", "Mechanism", "System", "Platform", "Program")))
    units = tuple(sorted(u for u, kind in lx.units.items() if kind == "count" and len(u) == 1))
    return Vocabulary(
        provinces=provinces or ("某省",), cities=cities or ("某市",),
        actors=pick("GovernmentBody", "PartyOrganization", "SelfGovernanceOrganization", "SocialOrganization",
                    "Enterprise"),
        groups=pick("Group", "Role"),
        mechanisms=pick("Institution", "Mechanism", "Practice", "Program", "System", "Model"),
        platforms=pick("Platform"), goals=pick("StrategicGoal", "Outcome", "Capability", "ServiceTarget", "Task"),
        challenges=pick("Challenge"), policies=pick("Policy"), events=pick("Meeting", "Inspection"),
        heads_mech=heads or ("机制", "制度", "体系"),
        triggers={k: tuple(sorted(v)) for k, v in triggers.items()},
        count_units=units or ("个",),
    )


class _Doc:
    """Slot fillers for one document (a place, its organisations, a topic)."""

    def __init__(self, rng: random.Random, v: Vocabulary) -> None:
        self.rng, self.v = rng, v
        self.province = rng.choice(v.provinces)
        self.city = rng.choice(v.cities)
        self.level = rng.choice(("省", "市", "县", "区"))
        self.place = {"省": self.province, "市": self.city, "县": rng.choice(("某县", "东阳县", "临河县", "南岭县")),
                      "区": rng.choice(("某区", "新城区", "河西区", "高新区"))}[self.level]
        self.scope = {"省": "全省", "市": "全市", "县": "全县", "区": "全区"}[self.level]
        topic = rng.sample(v.mechanisms, k=min(6, len(v.mechanisms)))
        self.topic = topic
        self.orgs = [self.level + k for k in rng.sample(_ORG_KINDS, 4)] + [
            ("县" if self.level == "县" else self.level) + rng.choice(_PARTY_KINDS)]

    def actor(self) -> str:
        r = self.rng.random()
        if r < 0.45:
            return self.rng.choice(self.orgs)
        if r < 0.6:
            return self.place + self.rng.choice(_ORG_KINDS)
        return self.rng.choice(self.v.actors)

    def mechanism(self) -> str:
        r = self.rng.random()
        if r < 0.5:
            return self.rng.choice(self.topic)
        if r < 0.7:
            stem = self.rng.choice(self.v.mechanisms)
            head = self.rng.choice(self.v.heads_mech)
            return stem if stem.endswith(head) else stem + head
        return self.rng.choice(self.v.mechanisms)

    def verb(self, prop: str, default: str) -> str:
        verbs = self.v.triggers.get(prop) or (default,)
        return self.rng.choice(verbs)

    def n(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)

    def pct(self) -> str:
        return f"{self.rng.uniform(55, 99.9):.1f}" if self.rng.random() < 0.6 else str(self.rng.randint(60, 100))

    def year(self) -> int:
        return self.rng.randint(2018, 2024)


def _sentence(d: _Doc) -> str:
    rng, v = d.rng, d.v
    kind = rng.randrange(12)
    if kind == 0:
        return (f"{d.actor()}{d.verb('issues', '印发')}《关于{rng.choice(('加强', '推进', '完善', '深化'))}"
                f"{d.mechanism()}的实施意见》，{d.verb('implements', '建立')}{d.mechanism()}。")
    if kind == 1:
        return (f"{d.actor()}牵头，{d.actor()}、{d.actor()}配合，{d.verb('implements', '推进')}{d.mechanism()}，"
                f"{d.verb('contributesTo', '推动')}{rng.choice(v.goals)}。")
    if kind == 2:
        return (f"{rng.choice(v.groups)}、{rng.choice(v.groups)}等{d.verb('participatesIn', '参与')}"
                f"{d.mechanism()}，{d.mechanism()}{d.verb('supports', '依托')}{rng.choice(v.platforms)}运行。")
    if kind == 3:
        return (f"{d.year()}年，{d.scope}{rng.choice(('建成', '新建', '改造提升'))}{rng.choice(v.platforms)}"
                f"{d.n(12, 9800)}{rng.choice(v.count_units)}，覆盖率达{d.pct()}%。")
    if kind == 4:
        return (f"到{rng.randint(2025, 2030)}年，{d.scope}{d.mechanism()}覆盖率达到{d.pct()}%以上，"
                f"{rng.choice(v.goals)}取得明显成效。")
    if kind == 5:
        ch = rng.choice(v.challenges)
        return (f"部分{rng.choice(v.actors)}存在{ch}等问题，{d.mechanism()}着力解决{ch}问题。")
    if kind == 6:
        return (f"{d.year()}年{d.scope}累计投入资金{d.n(2, 980)}{rng.choice(('万元', '亿元'))}，"
                f"服务群众{d.n(3, 860)}万人次，{rng.choice(v.goals)}水平稳步提升。")
    if kind == 7:
        return (f"{d.actor()}{d.verb('setsGoal', '提出')}，要{d.verb('implements', '健全')}{d.mechanism()}，"
                f"{d.verb('contributesTo', '实现')}{rng.choice(v.goals)}。")
    if kind == 8:
        return (f"{rng.choice(_FILLER)}{d.verb('implements', '完善')}{d.mechanism()}和{d.mechanism()}，"
                f"推动{rng.choice(v.goals)}。")
    if kind == 9:
        return (f"{d.place}召开{rng.choice(v.events) if v.events else '推进会'}，部署{d.mechanism()}工作，"
                f"{d.actor()}作交流发言。")
    if kind == 10:
        return (f"{d.actor()}面临{rng.choice(v.challenges)}的挑战，{d.verb('implements', '探索')}"
                f"{d.mechanism()}，形成{rng.choice(v.goals)}的良好局面。")
    return (f"{d.scope}共有{rng.choice(v.groups)}{d.n(120, 98000)}名，其中{rng.choice(v.groups)}"
            f"{d.n(10, 9000)}名，占比{d.pct()}%。")


def document(rng: random.Random, v: Vocabulary) -> tuple[str, str]:
    """One document: ``(genre, text)``."""
    d = _Doc(rng, v)
    genre = rng.choice(("notice", "plan", "report", "practice"))
    issuer = {"省": f"{d.province}人民政府办公厅", "市": f"{d.city}人民政府办公室",
              "县": f"{d.place}人民政府", "区": f"{d.place}人民政府"}[d.level]
    focus = d.topic[0]
    title = {"notice": f"关于进一步加强{focus}工作的通知",
             "plan": f"{d.place}{focus}实施方案({d.year()}—{rng.randint(2025, 2030)}年)",
             "report": f"{d.place}{d.year()}年{focus}工作情况报告",
             "practice": f"{d.place}探索{focus}的经验做法"}[genre]
    lines = [title]
    year = d.year()
    if genre in ("notice", "plan"):
        abbr = _ABBR.get(d.province.removesuffix("省"), "某")
        lines.append(f"{abbr}政办发〔{year}〕{rng.randint(1, 120)}号")
        lines.append(rng.choice(_ADDRESSEES))
    paragraphs = rng.randint(1, 4)
    for i, heading in enumerate(_SECTIONS[genre]):
        lines.append(f"{_NUMERALS[i]}、{heading}")
        for j in range(paragraphs):
            sentences = "".join(_sentence(d) for _ in range(rng.randint(1, 5)))
            lines.append(f"({_NUMERALS[j]}){sentences}" if rng.random() < 0.4 else sentences)
    if genre in ("notice", "plan"):
        lines.append(rng.choice(_CLOSING))
        lines.append(issuer)
        lines.append(f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return genre, "\n".join(lines) + "\n"


def _markdown(text: str) -> str:
    lines = text.splitlines()
    out = [f"# {lines[0]}", ""]
    for line in lines[1:]:
        out += [f"## {line}" if "、" in line[:3] else line, ""]
    return "\n".join(out)


def _html(text: str) -> str:
    lines = text.splitlines()
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(lines[0])}</title>"
            f"<style>p{{margin:0}}</style><script>var page='{len(text)}';</script></head>"
            f"<body><h1>{html.escape(lines[0])}</h1>{body}</body></html>")


def generate(out: str | Path, n: int = 1000, *, seed: int = 7) -> list[Path]:
    """Write ``n`` documents under ``out`` (sub-folders by genre); returns their paths."""
    rng = random.Random(seed)
    v = vocabulary()
    out = Path(out)
    paths = []
    for i in range(n):
        genre, text = document(rng, v)
        r = rng.random()
        if r < 0.06:
            name, data = f"{i:05d}.md", _markdown(text)
        elif r < 0.12:
            name, data = f"{i:05d}.html", _html(text)
        else:
            name, data = f"{i:05d}.txt", text
        path = out / genre / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    paths = generate(args.out, args.docs, seed=args.seed)
    chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
    print(f"wrote {len(paths)} documents ({chars:,} characters) under {args.out}")


if __name__ == "__main__":
    main()
