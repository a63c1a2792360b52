from __future__ import annotations

import attrs
import pytest

import communique as cq
from communique.registry import ref_target

CORE_TAGS = [
    "person",
    "organization",
    "state",
    "group",
    "membership",
    "event",
    "statement",
    "proposal",
    "document",
    "source",
]


@attrs.frozen(kw_only=True)
class Inquiry(cq.Event):
    rapporteur: str | None = attrs.field(default=None, metadata=cq.refs("Person"))


@attrs.frozen(kw_only=True)
class SelectInquiry(Inquiry):
    chamber: str | None = None


REGISTRY = cq.default_registry.child()
REGISTRY.register(Inquiry, "reg-test:inquiry")
REGISTRY.register("reg-test:select-inquiry")(SelectInquiry)


def test_a_child_registry_adds_tags_without_touching_its_parent() -> None:
    assert REGISTRY.get("reg-test:inquiry") is Inquiry
    assert "reg-test:inquiry" not in cq.default_registry
    assert cq.default_registry.get("reg-test:inquiry") is None
    assert REGISTRY.tags()[: len(CORE_TAGS)] == CORE_TAGS
    assert REGISTRY.tags()[-2:] == ["reg-test:inquiry", "reg-test:select-inquiry"]
    assert REGISTRY.classes()[-2:] == [Inquiry, SelectInquiry]
    assert dict(REGISTRY)["event"] is cq.Event
    assert len(REGISTRY) == len(REGISTRY.tags())


def test_bases_are_the_registered_ancestors_down_to_the_core() -> None:
    assert REGISTRY.bases_of(SelectInquiry) == ["reg-test:inquiry", "event"]
    assert REGISTRY.bases_of(Inquiry) == ["event"]
    assert REGISTRY.bases_of(cq.Event) == []
    assert REGISTRY.is_registered(SelectInquiry)
    assert not cq.default_registry.is_registered(SelectInquiry)


def test_downstream_tags_must_be_namespaced_and_unique() -> None:
    @attrs.frozen(kw_only=True)
    class Sitting(cq.Event):
        pass

    registry = cq.default_registry.child()
    with pytest.raises(ValueError, match="must be namespaced like 'project:name'"):
        registry.register(Sitting, "sitting")
    with pytest.raises(ValueError, match="'event' is already registered for Event"):
        registry.register(Sitting, "event", core=True)
    with pytest.raises(ValueError, match="'reg-test:inquiry' is already registered for Inquiry"):
        REGISTRY.child().register(Sitting, "reg-test:inquiry")
    registry.register(Sitting, "reg-test:sitting")
    with pytest.raises(ValueError, match="already carries the tag 'reg-test:sitting'"):
        cq.default_registry.child().register(Sitting, "reg-test:other")
    # The same class under the same tag in another registry is fine.
    other = cq.default_registry.child()
    assert other.register(Sitting, "reg-test:sitting") is Sitting


def test_only_attrs_entity_classes_with_free_field_names_register() -> None:
    class Plain(cq.Event):
        committee: str | None = None

    @attrs.frozen(kw_only=True)
    class Typed(cq.Event):
        base: str | None = None

    @attrs.frozen(kw_only=True)
    class Misnamed(cq.Event):
        chair: str | None = attrs.field(default=None, metadata=cq.refs("Persn"))

    registry = cq.default_registry.child()
    with pytest.raises(TypeError, match="must be an attrs class"):
        registry.register(Plain, "reg-test:plain")
    with pytest.raises(TypeError, match=r"is not a subclass of communique\.Entity"):
        registry.register(cq.Place, "reg-test:place")  # type: ignore[type-var]
    with pytest.raises(ValueError, match="cannot have a field named 'base'"):
        registry.register(Typed, "reg-test:typed")
    with pytest.raises(ValueError, match=r"Misnamed.chair refers to 'Persn'"):
        registry.register(Misnamed, "reg-test:misnamed")


def test_refs_targets_are_model_names_tags_or_classes() -> None:
    assert ref_target("Agent") is cq.Agent
    assert ref_target("reg-test:select-inquiry") is SelectInquiry
    assert ref_target(Inquiry) is Inquiry
    with pytest.raises(LookupError, match="'reg-test:nothing' is neither"):
        ref_target("reg-test:nothing")


def test_register_in_the_default_registry_as_call_or_decorator() -> None:
    @attrs.frozen(kw_only=True)
    class Briefing(cq.Event):
        pass

    assert cq.register(Briefing, "reg-test:briefing") is Briefing
    assert cq.default_registry.get("reg-test:briefing") is Briefing
    record = cq.loads(
        '{"communique": "1.0", "entities": [{"type": "reg-test:briefing", "id": "event:b",'
        ' "kind": "briefing"}]}'
    )
    assert type(record.get("event:b")) is Briefing
