// The caseworker's page: builds the profile form from GET /v1/profile-fields, asks the CDS Hooks service for cards,
// and posts accept/override feedback. Every text from the server is inserted with textContent, never as HTML.
"use strict";

const texts = {
  unknown: "Ukendt",
  choose: "Vælg …",
  yes: "Ja",
  no: "Nej",
  asking: "Henter forslag …",
  none: "Ingen forslag for denne borger.",
  count: n => n === 1 ? "1 forslag." : `${n} forslag.`,
  invalid: "Profilen kan ikke bruges – ret de markerede felter.",
  failed: "Serveren kunne ikke svare. Prøv igen.",
  why: "Hvorfor",
  caveats: "Vær opmærksom på",
  sources: "Kilder",
  finding: "Fund",
  source: "Kilde",
  evidence: "Evidens",
  intervention: "Indsats til borgeren",
  practice: "Råd til jobcentret",
  accept: "Accepter",
  override: "Tilsidesæt",
  reason: "Begrundelse",
  chooseReason: "Vælg begrundelse …",
  send: "Send begrundelse",
  accepted: "Tilbagemelding gemt: accepteret.",
  overridden: reason => `Tilbagemelding gemt: tilsidesat (${reason}).`,
  feedbackFailed: "Tilbagemeldingen blev ikke gemt.",
};

const idOf = path => "field-" + path.replace(/\./g, "-");

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  if (text !== undefined) e.textContent = text;
  return e;
}

function option(value, label) {
  const o = el("option", { value }, label);
  return o;
}

function buildField(f) {
  const wrap = el("div", { class: "field" });
  const id = idOf(f.path);
  wrap.append(el("label", { for: id }, f.da + (f.required ? " *" : "")));
  let control;
  if (f.type === "enum" || f.type === "boolean") {
    control = el("select", { id, name: f.path, "data-type": f.type });
    control.append(option("", f.required ? texts.choose : texts.unknown));
    const values = f.type === "boolean" ? [{ value: "true", da: texts.yes }, { value: "false", da: texts.no }] : f.values;
    for (const v of values) control.append(option(v.value, v.da));
  } else {
    const number = f.type === "integer" || f.type === "number";
    control = el("input", {
      id, name: f.path, "data-type": f.type, type: number ? "number" : "text",
      min: f.min, max: f.max, step: f.type === "integer" ? "1" : (number ? "any" : undefined),
    });
  }
  if (f.required) control.required = true;
  wrap.append(control, el("div", { class: "error", id: id + "-error", "aria-live": "polite" }));
  return wrap;
}

function readProfile(fields) {
  const profile = {};
  for (const f of fields) {
    const control = document.getElementById(idOf(f.path));
    const raw = control.value.trim();
    if (raw === "") continue;
    let value = raw;
    if (f.type === "integer" || f.type === "number") value = Number(raw);
    else if (f.type === "boolean") value = raw === "true";
    const parts = f.path.split(".");
    let target = profile;
    for (const p of parts.slice(0, -1)) target = target[p] = target[p] || {};
    target[parts[parts.length - 1]] = value;
  }
  return profile;
}

function uuid() {
  if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
  return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, c => {
    const r = Math.random() * 16 | 0;
    return (c === "x" ? r : (r & 0x3 | 0x8)).toString(16);
  });
}

function clearErrors() {
  for (const e of document.querySelectorAll(".field .error")) e.textContent = "";
  for (const c of document.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  const box = document.getElementById("form-errors");
  box.textContent = "";
  box.hidden = true;
}

function showErrors(errors) {
  const box = document.getElementById("form-errors");
  const general = [];
  for (const [key, messages] of Object.entries(errors || {})) {
    const path = key.startsWith("context.profile.") ? key.substring("context.profile.".length) : key;
    const target = document.getElementById(idOf(path) + "-error");
    if (target) {
      target.textContent = messages.join(" ");
      document.getElementById(idOf(path)).setAttribute("aria-invalid", "true");
    } else {
      general.push(...messages);
    }
  }
  box.textContent = [texts.invalid, ...general].join(" ");
  box.hidden = false;
}

function list(tag, items, render) {
  const l = el(tag);
  for (const item of items) l.append(render(item));
  return l;
}

function renderCard(card) {
  const p = card.extension.pathways;
  const box = el("article", { class: "card " + card.indicator, "data-uuid": card.uuid, "data-intervention": p.id });
  box.append(el("h3", {}, card.summary));
  const meta = el("p");
  meta.append(el("span", { class: "badge " + p.evidence }, `${texts.evidence}: ${p.evidenceLabel}`));
  meta.append(document.createTextNode(p.kind === "practice" ? texts.practice : texts.intervention));
  box.append(meta);
  if (p.reasons.length) box.append(el("h4", {}, texts.why), list("ul", p.reasons, r => el("li", {}, r)));
  if (p.caveats.length) box.append(el("h4", { class: "caveats" }, texts.caveats), list("ul", p.caveats, c => el("li", {}, c)));
  box.append(el("h4", {}, texts.sources), list("ol", p.citations, c => {
    const li = el("li", { class: "citation" }, c.text);
    if (c.finding) li.append(el("div", {}, `${texts.finding}: ${c.finding}`));
    return li;
  }));
  box.append(el("p", { class: "source" }, `${texts.source}: ${card.source.label}`));

  const actions = el("div", { class: "actions" });
  const accept = el("button", { type: "button", class: "accept" }, texts.accept);
  const override = el("button", { type: "button", class: "override secondary" }, texts.override);
  const reasonForm = el("div", { class: "override-form actions", hidden: "" });
  const reasonId = "reason-" + card.uuid;
  const reason = el("select", { class: "override-reason", id: reasonId });
  reason.append(option("", texts.chooseReason));
  for (const r of card.overrideReasons) reason.append(option(r.code, r.display));
  const send = el("button", { type: "button", class: "send-override" }, texts.send);
  reasonForm.append(el("label", { for: reasonId }, texts.reason), reason, send);
  const status = el("span", { class: "feedback-status", role: "status" });
  actions.append(accept, override, status);
  box.append(actions, reasonForm);

  accept.addEventListener("click", () => sendFeedback(card, "accepted", null, status, [accept, override, send]));
  override.addEventListener("click", () => { reasonForm.hidden = false; reason.focus(); });
  send.addEventListener("click", () => {
    const coding = card.overrideReasons.find(r => r.code === reason.value);
    if (!coding) { reason.setAttribute("aria-invalid", "true"); reason.focus(); return; }
    sendFeedback(card, "overridden", coding, status, [accept, override, send]);
  });
  return box;
}

async function sendFeedback(card, outcome, coding, status, buttons) {
  const item = { card: card.uuid, outcome, outcomeTimestamp: new Date().toISOString() };
  if (coding) item.overrideReason = { reason: coding };
  try {
    const response = await fetch("/cds-services/pathways/feedback", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ feedback: [item] }),
    });
    if (!response.ok) throw new Error(String(response.status));
    status.textContent = coding ? texts.overridden(coding.display) : texts.accepted;
    for (const b of buttons) b.disabled = true;
  } catch {
    status.textContent = texts.feedbackFailed;
  }
}

async function submit(event, fields) {
  event.preventDefault();
  clearErrors();
  const status = document.getElementById("status");
  const cards = document.getElementById("cards");
  cards.textContent = "";
  status.textContent = texts.asking;
  const body = { hookInstance: uuid(), hook: "citizen-view", context: { profile: readProfile(fields) } };
  try {
    const response = await fetch("/cds-services/pathways?lang=da", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    if (response.status === 400) {
      const problem = await response.json();
      status.textContent = "";
      showErrors(problem.errors);
      return;
    }
    if (!response.ok) throw new Error(String(response.status));
    const answer = await response.json();
    for (const card of answer.cards) cards.append(renderCard(card));
    status.textContent = answer.cards.length ? texts.count(answer.cards.length) : texts.none;
  } catch {
    status.textContent = texts.failed;
  }
}

async function start() {
  const { fields } = await (await fetch("/v1/profile-fields")).json();
  const container = document.getElementById("fields");
  for (const f of fields) container.append(buildField(f));
  document.getElementById("profile-form").addEventListener("submit", e => submit(e, fields));
  document.body.dataset.ready = "true";
  try {
    const health = await (await fetch("/health")).json();
    document.getElementById("rule-set").textContent = `${health.ruleSet.name} ${health.ruleSet.version}`;
  } catch {
    // The rule set line is a courtesy; the form works without it.
  }
}

start();
