"""The Starlette application: one route per step of the workflow, server-rendered with Jinja2.

Every request passes ``_guard`` first: the Host header (on loopback), the access token (when the server has one),
and the session cookie; every POST is checked against the session's CSRF token before it changes anything.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import MultiPartParser
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from allocator.web import charts, forms, jobs, phase_views, schedule_views, security, uploads, views, warm
from allocator.web.sessions import SESSION_COOKIE, Session, SessionsFull, SessionStore
from allocator.web.words import PAGES, stage_text
from allocator.web.worker import Worker
from allocator.write.xlsx_words import BUDGET_LABELS, SETTING_WORDS

log = logging.getLogger(__name__)

LANGS = ("da", "en")
_FORM_OVERHEAD = 1024 * 1024  # multipart boundaries and the small fields, on top of the files
# Uploaded files stay in memory while the form is parsed instead of spilling to the shared temporary folder,
# where personal data would outlive the session; the body limit bounds the memory.
MultiPartParser.spool_max_size = uploads.MAX_UPLOAD_BYTES + _FORM_OVERHEAD


@dataclass
class Config:
    """How the app was started: ``token`` required on every request (``None``: loopback, no token)."""

    token: str | None = None
    loopback: bool = True
    max_upload_bytes: int = uploads.MAX_UPLOAD_BYTES
    max_unpacked_bytes: int = uploads.MAX_UNPACKED_BYTES
    temp_root: Path | None = None
    warm: bool = True  # import and run the library once at start (``allocator.web.warm``)


_env = Environment(
    loader=PackageLoader("allocator.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["number"] = views.number
_env.filters["day"] = views.day


def create_app(config: Config | None = None) -> Starlette:
    config = config or Config()
    store = SessionStore(root=config.temp_root)

    async def guarded(request: Request, handler) -> Response:
        refusal = _refused(request, config)
        if refusal is not None:
            return refusal
        token = request.query_params.get(security.TOKEN_QUERY)
        if config.token and token:
            # The token from IT's link moves to a cookie, and out of the address bar and the history.
            response = RedirectResponse(
                request.url.remove_query_params(security.TOKEN_QUERY), status_code=303
            )
            response.set_cookie(security.TOKEN_COOKIE, token, httponly=True, samesite="strict")
            return response
        session = store.get(request.cookies.get(SESSION_COOKIE))
        new = session is None
        if new:
            if request.method == "POST":
                return _page(request, None, "error.html", {"message": "error_session"}, status=400)
            try:
                session = store.create()
            except SessionsFull:
                return _page(request, None, "error.html", {"message": "error_full"}, status=503)
        try:
            response = await handler(request, session)
        except _Refused as refused:
            response = _refusal_page(request, session, refused)
        except Exception as exc:  # a Danish page, and the server keeps serving
            # The kind of error only: its text or traceback may carry a household's data.
            log.error("web: a page failed (%s)", type(exc).__name__)
            response = _page(request, session, "error.html", {"message": "error_text"}, status=500)
        if new:
            response.set_cookie(SESSION_COOKIE, session.session_id, httponly=True, samesite="strict")
        return response

    def route(path: str, handler, methods=("GET",)) -> Route:
        async def endpoint(request: Request) -> Response:
            return await guarded(request, handler)

        return Route(path, endpoint, methods=list(methods))

    async def end(request: Request, session: Session) -> Response:
        await _form(request, session)
        store.end(session.session_id)
        response = _page(request, None, "ended.html", {})
        response.delete_cookie(SESSION_COOKIE)
        return response

    routes = [
        route("/", lambda r, s: _async(RedirectResponse("/filer", status_code=303))),
        route("/sprog/{lang}", language),
        route("/filer", files_page),
        route("/filer", upload, methods=("POST",)),
        route("/kontroller", check, methods=("POST",)),
        route("/indstillinger", settings_page),
        route("/indstillinger", save_settings, methods=("POST",)),
        route("/fordel", allocate_page),
        route("/fordel", start_allocation, methods=("POST",)),
        route("/koersel/{job_id}", job_page),
        route("/resultat", result_page),
        route("/husstand", household_page),
        route("/breve", start_letters, methods=("POST",)),
        route("/hent/{what}", download),
        route("/runde", round_page),
        route("/runde", round_preview, methods=("POST",)),
        route("/scenarier", scenarios_page),
        route("/scenarier", start_scenarios, methods=("POST",)),
        route("/sammenligning", comparison_page),
        route("/afslut", end, methods=("POST",)),
        route("/static/{name}", static),
    ]

    async def not_found(request: Request, exc) -> Response:
        return _page(request, None, "error.html", {"message": "error_not_found"}, status=404)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if config.warm:
            app.state.warmed = warm.warm_up()
        yield
        store.close()  # the server stops: every session's files go

    async def not_allowed(request: Request, exc) -> Response:
        return _page(request, None, "error.html", {"message": "error_not_found"}, status=405)

    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed}, lifespan=lifespan)
    app.state.store = store
    app.state.config = config
    return app


_STATIC = Path(__file__).parent / "static"
_STATIC_FILES = {p.name: p for p in _STATIC.iterdir() if p.is_file()}
_MEDIA = {".css": "text/css", ".svg": "image/svg+xml", ".js": "text/javascript"}


async def static(request: Request, session: Session) -> Response:
    """The bundled assets, behind the same guard as the pages; only files the package ships."""
    path = _STATIC_FILES.get(request.path_params["name"])
    if path is None:
        return _page(request, session, "error.html", {"message": "error_not_found"}, status=404)
    return FileResponse(path, media_type=_MEDIA.get(path.suffix, "application/octet-stream"))


async def _async(value):
    return value


# --- guards -------------------------------------------------------------------------------------------------


def _refused(request: Request, config: Config) -> Response | None:
    if config.loopback and not config.token:
        # A page on loopback answers only to a loopback name, so another site cannot reach it by pointing its
        # own domain at 127.0.0.1 (DNS rebinding).
        if not security.is_loopback(_host_name(request.headers.get("host") or "localhost")):
            return _page(request, None, "error.html", {"message": "error_host"}, status=400)
    if config.token:
        given = (
            request.query_params.get(security.TOKEN_QUERY)
            or security.bearer(request.headers.get(security.TOKEN_HEADER))
            or request.cookies.get(security.TOKEN_COOKIE)
        )
        if not security.same_secret(given, config.token):
            return _page(request, None, "error.html", {"message": "error_token"}, status=401)
    return None


def _host_name(header: str) -> str:
    """``127.0.0.1:8765`` -> ``127.0.0.1``; ``[::1]:8765`` -> ``::1``."""
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0]


async def _form(request: Request, session: Session) -> FormData:
    """The form, once its size and CSRF token are checked (``_Refused`` otherwise)."""
    limit = request.app.state.config.max_upload_bytes + _FORM_OVERHEAD
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _Refused("too_large", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _Refused("too_large", 413)
    request._body = bytes(body)  # the form parser reads the body from here
    form = await request.form(max_files=len(uploads.SLOTS), max_fields=200)
    if not security.same_secret(str(form.get(security.CSRF_FIELD) or ""), session.csrf):
        raise _Refused("csrf", 403)
    return form


class _Refused(Exception):
    def __init__(self, code: str, status: int) -> None:
        super().__init__(code)
        self.code, self.status = code, status


def _refusal_page(request: Request, session: Session, refused: _Refused) -> Response:
    if refused.code == "csrf":
        return _page(request, session, "error.html", {"message": "error_csrf"}, status=403)
    w = PAGES[session.lang]
    limit = request.app.state.config.max_upload_bytes // (1024 * 1024)
    return _page(
        request,
        session,
        "files.html",
        _files_context(session, refused=[w["refused_too_large"].format(limit=limit)]),
        status=413,
    )


# --- rendering ----------------------------------------------------------------------------------------------


def _page(
    request: Request, session: Session | None, template: str, context: dict[str, Any], *, status: int = 200
) -> HTMLResponse:
    lang = session.lang if session else "da"
    html = _env.get_template(template).render(
        w=PAGES[lang],
        lang=lang,
        csrf=session.csrf if session else "",
        path=request.url.path,
        has_result=bool(session and session.results.get("allocation")),
        **context,
    )
    return HTMLResponse(
        html,
        status_code=status,
        headers={
            "Content-Security-Policy": "default-src 'self'; style-src 'self'; img-src 'self' data:; "
            "form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        },
    )


def _see(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


async def language(request: Request, session: Session) -> Response:
    lang = request.path_params["lang"]
    if lang in LANGS:
        session.lang = lang
    back = request.query_params.get("next", "/filer")
    return _see(back if back.startswith("/") and not back.startswith("//") else "/filer")


# --- Filer ----------------------------------------------------------------------------------------------------


def _files_context(session: Session, *, refused: list[str] | None = None) -> dict[str, Any]:
    return {
        "files": [session.files.get(slot) for slot in uploads.SLOTS],
        "slots": uploads.SLOTS,
        "refused": refused or [],
        "checked": session.checked,
    }


async def files_page(request: Request, session: Session) -> Response:
    return _page(request, session, "files.html", _files_context(session))


async def upload(request: Request, session: Session) -> Response:
    form = await _form(request, session)
    w, config = PAGES[session.lang], request.app.state.config
    refused, stored = [], 0
    for slot in uploads.SLOTS:
        item = form.get(slot)
        if not isinstance(item, UploadFile) or not item.filename:
            continue
        data = await item.read()
        name = uploads.shown_name(item.filename, w["no_name"])
        try:
            with session.lock:
                session.files[slot] = uploads.store(
                    session.uploads, slot, data, name, max_unpacked=config.max_unpacked_bytes
                )
            stored += 1
        except uploads.UploadRefused as exc:
            limit = config.max_unpacked_bytes // (1024 * 1024)
            refused.append(w[f"refused_{exc.code}"].format(name=name, limit=limit))
    log.info("web: %d files uploaded, %d refused", stored, len(refused))
    if stored:
        session.checked = None
    status = 400 if refused else 200
    if not refused:
        # The round page uploads here too, and goes back there.
        return _see("/runde" if form.get("next") == "/runde" else "/filer")
    return _page(request, session, "files.html", _files_context(session, refused=refused), status=status)


async def check(request: Request, session: Session) -> Response:
    await _form(request, session)
    if not _has_inputs(session):
        return _page(
            request,
            session,
            "files.html",
            _files_context(session, refused=[PAGES[session.lang]["need_files"]]),
            status=400,
        )
    from starlette.concurrency import run_in_threadpool

    session.checked = await run_in_threadpool(jobs.check_files, session)
    status = 422 if isinstance(session.checked, jobs.Problems) else 200
    return _page(request, session, "files.html", _files_context(session), status=status)


def _has_inputs(session: Session) -> bool:
    return "households" in session.files and "vacancies" in session.files


# --- Indstillinger --------------------------------------------------------------------------------------------


def _settings_context(session: Session, values: dict[str, Any] | None = None, problems=None, saved=False):
    return {
        "values": values or session.form or forms.defaults(),
        "problems": problems or [],
        "saved": saved,
        "setting_words": SETTING_WORDS[session.lang],
        "budget_labels": BUDGET_LABELS[session.lang],
        "choices": forms.CHOICES,
        "defaults": forms.defaults(),
    }


async def settings_page(request: Request, session: Session) -> Response:
    return _page(request, session, "settings.html", _settings_context(session))


async def save_settings(request: Request, session: Session) -> Response:
    form = await _form(request, session)
    settings, values, problems = forms.settings_from(form, lang=session.lang)
    if settings is None:
        return _page(
            request, session, "settings.html", _settings_context(session, values, problems), status=422
        )
    session.form = values
    return _page(request, session, "settings.html", _settings_context(session, values, saved=True))


def _settings(session: Session):
    settings, _, problems = forms.settings_from(session.form or forms.defaults(), lang=session.lang)
    return settings


def _schedule(session: Session):
    """The saved moving-schedule settings (``None``: no schedule asked for)."""
    return forms.schedule_from(session.form or forms.defaults())


# --- Fordel ---------------------------------------------------------------------------------------------------


def _worker(request: Request, session: Session) -> Worker:
    return session.worker


async def allocate_page(request: Request, session: Session) -> Response:
    return _page(request, session, "allocate.html", {"ready": _has_inputs(session)})


def _run_key(session: Session, settings) -> str:
    digest = hashlib.sha256(repr(settings).encode())
    for slot in uploads.SLOTS:
        stored = session.files.get(slot)
        if stored is not None:
            digest.update(slot.encode() + stored.path.read_bytes())
    return digest.hexdigest()


async def start_allocation(request: Request, session: Session) -> Response:
    await _form(request, session)
    if not _has_inputs(session):
        return _page(request, session, "allocate.html", {"ready": False}, status=400)
    settings = _settings(session)
    schedule = _schedule(session)
    worker = _worker(request, session)

    def work(job):
        value = jobs.allocate(session, settings, job, run=job.job_id, schedule=schedule)
        if isinstance(value, jobs.Allocation):
            with session.lock:
                session.results["allocation"] = value
                session.results.pop("letters", None)
        return value

    job, started = worker.start("allocate", _run_key(session, (settings, schedule)), work)
    return _see(f"/koersel/{job.job_id}")


async def job_page(request: Request, session: Session) -> Response:
    job = _worker(request, session).get(request.path_params["job_id"])
    if job is None:
        return _page(request, session, "error.html", {"message": "error_not_found"}, status=404)
    if job.running:
        return _page(
            request, session, "progress.html", {"job": job, "stage": stage_text(job.stage, session.lang)}
        )
    if job.state == "failed":
        if isinstance(job.error, jobs.Rejected):
            return _page(request, session, "rejected.html", {"lines": job.error.lines}, status=500)
        return _page(request, session, "error.html", {"message": "error_text"}, status=500)
    if isinstance(job.value, jobs.Problems):
        session.checked = job.value
        return _page(request, session, "files.html", _files_context(session), status=422)
    if isinstance(job.value, jobs.NotFitting):
        lines = schedule_views.diagnosis_lines(job.value.diagnosis, session.lang)
        return _page(request, session, "not_fitting.html", {"lines": lines}, status=422)
    if job.kind == "scenarios":
        return _see("/sammenligning")
    return _see("/resultat")


async def result_page(request: Request, session: Session) -> Response:
    allocation: jobs.Allocation | None = session.results.get("allocation")
    if allocation is None:
        return _page(request, session, "allocate.html", {"ready": _has_inputs(session), "no_result": True})
    ctx = allocation.context(session.lang)
    q = request.query_params
    rows = allocation.rows(session.lang)
    try:
        page_no = int(q.get("side", "1"))
    except ValueError:
        page_no = 1
    chosen = {
        "q": q.get("q", ""),
        "department": q.get("afdeling", ""),
        "kind": q.get("type", ""),
        "wish": q.get("oenske", ""),
        "sort": q.get("sorter", "household"),
        "descending": q.get("omvendt") == "1",
    }
    page = views.filtered(rows, page=page_no, **chosen)
    profile = views.wish_profile(ctx)
    w = PAGES[session.lang]
    chart = charts.bar_chart(
        w["chart_title"],
        [p["label"] for p in profile],
        [
            charts.Series(w["permanent"], "1F4E79", tuple(p["permanent"] for p in profile)),
            charts.Series(w["temporary"], "9DC3E6", tuple(p["temporary"] for p in profile)),
        ],
        y_label=w["chart_y"],
    )
    from allocator.write.sheet_audit import verdict_sentences

    outcome = allocation.outcome
    base = {
        k: v
        for k, v in {
            "q": chosen["q"],
            "afdeling": chosen["department"],
            "type": chosen["kind"],
            "oenske": chosen["wish"],
            "sorter": chosen["sort"],
            "omvendt": "1" if chosen["descending"] else "",
        }.items()
        if v
    }
    return _page(
        request,
        session,
        "result.html",
        {
            "head": views.headline(ctx),
            "verdict": verdict_sentences(outcome.audit, outcome.result.settings.priority, ctx.lang),
            "chart": Markup(chart),
            "page": page,
            "chosen": chosen,
            "departments": sorted({r.dwelling_department for r in rows}, key=str.casefold),
            "kinds": sorted({r.kind for r in rows}),
            "wishes": [(str(p["category"]), p["label"]) for p in profile if p["category"] != "unhoused"],
            "sorts": views.SORTS,
            "prev_url": "/resultat?" + urlencode({**base, "side": page.page - 1}),
            "next_url": "/resultat?" + urlencode({**base, "side": page.page + 1}),
            "unhoused": views.unhoused_rows(ctx),
            "board": views.board_rows(ctx),
            "budget": allocation.budget(session.lang),
            "warnings": allocation.warnings,
            "letters": session.results.get("letters") is not None,
            "letters_job": _running(request, session, "letters"),
            "round": allocation.plan.round,
            "phased": phase_views.phased_figures(ctx),
            "phased_chart": Markup(_held_chart(ctx, w)) if ctx.result.instance.phased else None,
            "phase_words": phase_views.phase_words(session.lang),
            "phase_columns": phase_views.PAGE_COLUMNS,
            "schedule": schedule_views.schedule_figures(outcome.schedule, session.lang),
            "calendar": "ics" in allocation.files,
        },
    )


def _held_chart(ctx, w) -> str:
    """Dwellings held and occupied, the most in each month: the planner's "how many must we reserve, when"."""
    months, held, occupied = phase_views.held_by_month(ctx)
    return charts.bar_chart(
        w["held_chart"],
        # The year under January and the first month only, so that two years of months fit side by side.
        [
            f"{w['months'][m - 1]} {y}" if k == 0 or m == 1 else w["months"][m - 1]
            for k, (y, m) in enumerate(months)
        ],
        [
            charts.Series(w["held_series"], "1F4E79", tuple(held)),
            charts.Series(w["occupied_series"], "9DC3E6", tuple(occupied)),
        ],
        y_label=w["held_chart_y"],
    )


def _running(request: Request, session: Session, kind: str):
    job = _worker(request, session).latest(kind)
    return job if job is not None and job.running else None


async def household_page(request: Request, session: Session) -> Response:
    allocation: jobs.Allocation | None = session.results.get("allocation")
    if allocation is None:
        return _see("/fordel")
    from starlette.concurrency import run_in_threadpool

    # The id is looked up among the result's households; it is never part of a path.
    ctx = allocation.context(session.lang)
    view = await run_in_threadpool(views.household_view, ctx, request.query_params.get("id", ""))
    if view is None:
        return _page(request, session, "error.html", {"message": "unknown_household"}, status=404)
    household_id = view["household"].household_id
    return _page(
        request,
        session,
        "household.html",
        {
            "v": view,
            "stay": phase_views.household_stay(ctx, household_id),
            "phase_words": phase_views.phase_words(session.lang),
            "moves": schedule_views.household_moves(allocation.outcome.schedule, household_id, session.lang),
        },
    )


async def start_letters(request: Request, session: Session) -> Response:
    await _form(request, session)
    allocation: jobs.Allocation | None = session.results.get("allocation")
    if allocation is None:
        return _see("/fordel")

    def work(job):
        job.set_stage("letters")
        path = jobs.letters_zip(allocation, lang=allocation.outcome.result.settings.lang)
        session.results["letters"] = path
        return path

    job, _ = _worker(request, session).start("letters", str(id(allocation)), work)
    return _see(f"/koersel/{job.job_id}")


async def download(request: Request, session: Session) -> Response:
    what = request.path_params["what"]
    allocation: jobs.Allocation | None = session.results.get("allocation")
    comparison = session.results.get("comparison")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    # Only our own files, by our own names: the address picks one of five, never a path.
    found: dict[str, tuple[Path | None, str, str]] = {
        "tilbud.xlsx": (allocation.files["xlsx"] if allocation else None, xlsx, "genhus-tilbud.xlsx"),
        "resultat.json": (
            allocation.files["json"] if allocation else None,
            "application/json",
            "genhus-resultat.json",
        ),
        "breve.zip": (session.results.get("letters"), "application/zip", "genhus-breve.zip"),
        "flytteskema.ics": (
            allocation.files.get("ics") if allocation else None,
            "text/calendar",
            "genhus-flytteskema.ics",
        ),
        "sammenligning.xlsx": (comparison.path if comparison else None, xlsx, "genhus-sammenligning.xlsx"),
    }
    if what not in found or found[what][0] is None:
        return _page(request, session, "error.html", {"message": "error_not_found"}, status=404)
    path, media, name = found[what]
    return FileResponse(path, media_type=media, filename=name, headers={"Cache-Control": "no-store"})


# --- Næste runde ----------------------------------------------------------------------------------------------


async def round_page(request: Request, session: Session) -> Response:
    return _page(request, session, "round.html", {"plan": None, "files": session.files})


async def round_preview(request: Request, session: Session) -> Response:
    await _form(request, session)
    if not _has_inputs(session) or "history" not in session.files:
        return _page(
            request,
            session,
            "round.html",
            {"plan": None, "files": session.files, "missing": True},
            status=400,
        )
    from starlette.concurrency import run_in_threadpool

    plan = await run_in_threadpool(jobs.preview_round, session, _settings(session))
    if isinstance(plan, jobs.Problems):
        session.checked = plan
        return _page(request, session, "files.html", _files_context(session), status=422)
    responses: dict[str, int] = {}
    for offer in plan.past:
        responses[offer.response.value] = responses.get(offer.response.value, 0) + 1
    return _page(
        request,
        session,
        "round.html",
        {
            "plan": plan,
            "files": session.files,
            "responses": responses,
            "refused": sum(plan.refusals.values()),
            "refusals": [o for o in plan.past if o.response.value == "refused"],
            "warnings": [jobs.shown(session, x) for x in plan.warnings],
        },
    )


# --- Scenarier ------------------------------------------------------------------------------------------------


async def scenarios_page(request: Request, session: Session) -> Response:
    return _page(
        request,
        session,
        "scenarios.html",
        {
            "ready": _has_inputs(session),
            "problems": [],
            "choices": forms.CHOICES,
            "n": forms.MAX_VARIANTS,
            "setting_words": SETTING_WORDS[session.lang],
        },
    )


async def start_scenarios(request: Request, session: Session) -> Response:
    form = await _form(request, session)
    settings = _settings(session)
    variants, problems = forms.variants_from(form, settings)
    context = {
        "ready": _has_inputs(session),
        "choices": forms.CHOICES,
        "n": forms.MAX_VARIANTS,
        "setting_words": SETTING_WORDS[session.lang],
    }
    if problems or len(variants) < 2 or not _has_inputs(session):
        shown = problems or [PAGES[session.lang]["scenarios_need_two"]]
        return _page(request, session, "scenarios.html", {**context, "problems": shown}, status=422)

    def work(job):
        value = jobs.run_scenarios(session, variants, job, lang=session.lang)
        if isinstance(value, jobs.ScenarioComparison):
            session.results["comparison"] = value
        return value

    key = hashlib.sha256((repr(variants) + _run_key(session, settings)).encode()).hexdigest()
    job, _ = _worker(request, session).start("scenarios", key, work)
    return _see(f"/koersel/{job.job_id}")


async def comparison_page(request: Request, session: Session) -> Response:
    found: jobs.ScenarioComparison | None = session.results.get("comparison")
    if found is None:
        return _see("/scenarier")
    from allocator.write.sheet_compare_words import figure_label

    comparison = found.comparison
    rows = [(figure_label(f.key, f.detail, session.lang), f.values, f.fmt) for f in comparison.figures]
    w = PAGES[session.lang]
    wish_keys = [
        k
        for k in ("wish_1", "wish_2", "wish_3", "wish_other", "wish_none", "unhoused")
        if any(f.key == k for f in comparison.figures)
    ]
    colours = ("1F4E79", "9DC3E6", "C55A11", "F4B183", "548235")
    chart = charts.bar_chart(
        w["comparison_chart"],
        [figure_label(k, None, session.lang) for k in wish_keys],
        [
            charts.Series(
                v.label,
                colours[i % len(colours)],
                tuple(float(comparison.figure(k).values[i] or 0) for k in wish_keys),
            )
            for i, v in enumerate(found.variants)
        ],
    )
    return _page(
        request,
        session,
        "comparison.html",
        {"variants": found.variants, "rows": rows, "chart": Markup(chart)},
    )
