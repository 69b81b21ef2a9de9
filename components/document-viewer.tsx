"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { FIELD_FOCUS_EVENT, type FieldFocusDetail } from "@/components/field-focus";

export type SourceBox = { page: number; x: number; y: number; w: number; h: number; label: string };

const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4];
/** Horizontal room the viewer keeps around a page (its padding), in CSS px. */
const GUTTER = 16;

/**
 * The original beside the form: PDF pages rendered in the browser with pdfjs-dist (falls back to the browser's
 * own viewer), images zoomable and rotatable. Opens fitted to the pane's width; zoom is relative to that fit and
 * the page can always be scrolled to every edge. Source boxes of extracted fields (fractions of the page) are
 * outlined; the boxes of the field that has focus in the form are highlighted and scrolled into view.
 */
export function DocumentViewer({ src, mimeType, filename, boxes = [] }: { src: string; mimeType: string; filename: string; boxes?: SourceBox[] }) {
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const [paneWidth, setPaneWidth] = useState(0);
  const [pageCount, setPageCount] = useState(1);
  const [page, setPage] = useState(1);
  const [focused, setFocused] = useState<string[]>([]);
  const pane = useRef<HTMLDivElement>(null);
  const isPdf = mimeType === "application/pdf";

  // The pane's inner width, kept up to date (the layout changes between phone and desktop).
  useEffect(() => {
    const el = pane.current;
    if (!el) return;
    const measure = () => setPaneWidth(Math.max(0, el.clientWidth - GUTTER));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A focused form field: highlight its boxes, and bring the first into view.
  useEffect(() => {
    const onFocus = (e: Event) => setFocused((e as CustomEvent<FieldFocusDetail>).detail.keys);
    window.addEventListener(FIELD_FOCUS_EVENT, onFocus);
    return () => window.removeEventListener(FIELD_FOCUS_EVENT, onFocus);
  }, []);
  useEffect(() => {
    if (focused.length === 0) return;
    const box = pane.current?.querySelector<HTMLElement>("[data-box-active=true]");
    box?.scrollIntoView({ block: "center", inline: "center", behavior: "smooth" });
  }, [focused]);

  const zoomBy = (dir: 1 | -1) =>
    setZoom((z) => {
      const i = ZOOM_STEPS.findIndex((s) => s >= z - 1e-6);
      return ZOOM_STEPS[Math.min(ZOOM_STEPS.length - 1, Math.max(0, (i < 0 ? ZOOM_STEPS.length - 1 : i) + dir))];
    });

  const goTo = useCallback((n: number) => {
    const el = pane.current?.querySelector<HTMLElement>(`[data-page="${n}"]`);
    if (!el || !pane.current) return;
    pane.current.scrollTo({ top: el.offsetTop - 8, behavior: "smooth" });
    setPage(n);
  }, []);
  const onScroll = () => {
    const el = pane.current;
    if (!el || pageCount < 2) return;
    const pages = Array.from(el.querySelectorAll<HTMLElement>("[data-page]"));
    const current = pages.filter((p) => p.offsetTop - el.scrollTop <= el.clientHeight / 3).pop();
    if (current) setPage(Number(current.dataset.page));
  };

  const btn = "rounded px-2 py-1 hover:bg-slate-100 disabled:text-slate-300";
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 px-2 py-1 text-sm" role="toolbar" aria-label="Vista del documento">
        <button type="button" className={btn} onClick={() => zoomBy(-1)} disabled={zoom <= ZOOM_STEPS[0]} aria-label="Alejar">
          −
        </button>
        <span className="w-12 text-center tabular-nums" aria-live="polite" data-testid="viewer-zoom" title="Respecto al ancho del panel">
          {Math.round(zoom * 100)} %
        </span>
        <button type="button" className={btn} onClick={() => zoomBy(1)} disabled={zoom >= ZOOM_STEPS[ZOOM_STEPS.length - 1]} aria-label="Acercar">
          +
        </button>
        <button type="button" className={btn} onClick={() => setRotation((r) => (r + 90) % 360)} aria-label="Girar 90°">
          ⟳
        </button>
        <button type="button" className={btn} onClick={() => { setZoom(1); setRotation(0); }}>
          Ajustar al ancho
        </button>
        {pageCount > 1 ? (
          <span className="flex items-center gap-1" data-testid="page-nav">
            <button type="button" className={btn} onClick={() => goTo(page - 1)} disabled={page <= 1} aria-label="Página anterior">
              ‹
            </button>
            <span className="tabular-nums" aria-live="polite">
              Página {page} de {pageCount}
            </span>
            <button type="button" className={btn} onClick={() => goTo(page + 1)} disabled={page >= pageCount} aria-label="Página siguiente">
              ›
            </button>
          </span>
        ) : null}
        <a href={src} target="_blank" rel="noopener" className="ml-auto text-brand-700 hover:underline">
          Abrir original
        </a>
      </div>
      <div ref={pane} onScroll={onScroll} className="relative h-[60vh] overflow-auto bg-slate-100 p-2 lg:h-[75vh]" data-testid="viewer">
        {isPdf ? (
          <PdfPages src={src} fitWidth={paneWidth} zoom={zoom} rotation={rotation} boxes={boxes} focused={focused} onPages={setPageCount} />
        ) : (
          // A block wider than the pane with auto margins starts at the left edge: every part can be scrolled to.
          <div className="relative mx-auto" style={{ width: `${zoom * 100}%`, transform: `rotate(${rotation}deg)`, transformOrigin: "center" }}>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={src} alt={`Imagen de ${filename}`} className="block w-full" data-testid="viewer-image" />
            {rotation === 0 ? <Boxes boxes={boxes.filter((b) => b.page === 1)} focused={focused} /> : null}
          </div>
        )}
      </div>
    </div>
  );
}

function Boxes({ boxes, focused }: { boxes: SourceBox[]; focused: string[] }) {
  return (
    <>
      {boxes.map((b, i) => {
        const active = focused.includes(b.label);
        return (
          <span
            key={i}
            title={b.label}
            data-box={b.label}
            data-box-active={active ? "true" : undefined}
            className={`pointer-events-none absolute rounded-sm border-2 ${active ? "border-brand-600 bg-brand-500/25 ring-2 ring-brand-500" : "border-amber-500 bg-amber-300/20"}`}
            style={{ left: `${b.x * 100}%`, top: `${b.y * 100}%`, width: `${b.w * 100}%`, height: `${b.h * 100}%` }}
          />
        );
      })}
    </>
  );
}

/**
 * pdf.js's worker, bundled for the browser. The `typeof window` test is decided at build time, so the server render
 * of this component never asks for the worker file (pdfjs-dist is a server-external package: it would warn).
 */
function workerSrc(): string {
  if (typeof window === "undefined") return "";
  return new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url).toString();
}

type PdfDoc = { numPages: number; getPage: (n: number) => Promise<PdfPage>; destroy: () => Promise<void> };
type PdfPage = {
  getViewport: (o: { scale: number; rotation: number }) => { width: number; height: number };
  render: (o: { canvas: HTMLCanvasElement; viewport: unknown }) => { promise: Promise<void>; cancel: () => void };
};

type PagesProps = {
  src: string;
  fitWidth: number;
  zoom: number;
  rotation: number;
  boxes: SourceBox[];
  focused: string[];
  onPages: (n: number) => void;
};

function PdfPages({ src, fitWidth, zoom, rotation, boxes, focused, onPages }: PagesProps) {
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let loaded: PdfDoc | null = null;
    (async () => {
      try {
        const pdfjs = await import("pdfjs-dist");
        pdfjs.GlobalWorkerOptions.workerSrc = workerSrc();
        loaded = (await pdfjs.getDocument({ url: src, isEvalSupported: false }).promise) as unknown as PdfDoc;
        if (cancelled) await loaded.destroy();
        else {
          setDoc(loaded);
          onPages(loaded.numPages);
        }
      } catch (e) {
        console.warn("pdf viewer: falling back to the browser's viewer", e);
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [src, onPages]);
  if (failed) {
    return (
      <object data={src} type="application/pdf" className="h-full w-full">
        <a href={src} className="text-brand-700 underline">Abrir el PDF</a>
      </object>
    );
  }
  if (!doc || fitWidth === 0) return <p className="p-4 text-sm text-slate-600">Cargando el PDF…</p>;
  return (
    // w-max + min-w-full: as wide as the widest page (so the pane scrolls to its left edge), centred when narrower.
    <div className="flex w-max min-w-full flex-col items-center gap-3" data-testid="pdf-pages" data-pages={doc.numPages}>
      {Array.from({ length: doc.numPages }, (_, i) => (
        <PdfPageCanvas
          key={i}
          doc={doc}
          n={i + 1}
          fitWidth={fitWidth}
          zoom={zoom}
          rotation={rotation}
          boxes={rotation === 0 ? boxes.filter((b) => b.page === i + 1) : []}
          focused={focused}
        />
      ))}
    </div>
  );
}

function PdfPageCanvas(props: { doc: PdfDoc; n: number; fitWidth: number; zoom: number; rotation: number; boxes: SourceBox[]; focused: string[] }) {
  const { doc, n, fitWidth, zoom, rotation, boxes, focused } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  useEffect(() => {
    let task: { promise: Promise<void>; cancel: () => void } | null = null;
    let cancelled = false;
    (async () => {
      const page = await doc.getPage(n);
      if (cancelled || !canvas.current) return;
      const dpr = window.devicePixelRatio || 1;
      // Scale 1 = the page exactly as wide as the pane; zoom multiplies that.
      const natural = page.getViewport({ scale: 1, rotation });
      const scale = (fitWidth / natural.width) * zoom;
      const css = page.getViewport({ scale, rotation });
      const viewport = page.getViewport({ scale: scale * dpr, rotation });
      canvas.current.width = Math.floor(viewport.width);
      canvas.current.height = Math.floor(viewport.height);
      setSize({ w: Math.floor(css.width), h: Math.floor(css.height) });
      task = page.render({ canvas: canvas.current, viewport });
      await task.promise.catch(() => {});
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, n, fitWidth, zoom, rotation]);
  return (
    <div className="relative shrink-0 bg-white shadow" data-page={n} style={size ? { width: size.w, height: size.h } : undefined}>
      <canvas ref={canvas} aria-label={`Página ${n}`} role="img" className="block" style={size ? { width: size.w, height: size.h } : undefined} />
      <Boxes boxes={boxes} focused={focused} />
    </div>
  );
}
