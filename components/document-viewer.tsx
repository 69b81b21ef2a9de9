"use client";

import { useEffect, useRef, useState } from "react";

export type SourceBox = { page: number; x: number; y: number; w: number; h: number; label: string };

/**
 * The original beside the form: PDF pages rendered in the browser with pdfjs-dist (falls back to the browser's
 * own viewer), images zoomable and rotatable. Source boxes of extracted fields (fractions of the page) are outlined.
 */
export function DocumentViewer({ src, mimeType, filename, boxes = [] }: { src: string; mimeType: string; filename: string; boxes?: SourceBox[] }) {
  const [zoom, setZoom] = useState(1);
  const [rotation, setRotation] = useState(0);
  const isPdf = mimeType === "application/pdf";
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-1 border-b border-slate-200 px-2 py-1 text-sm" role="toolbar" aria-label="Vista del documento">
        <button type="button" className="rounded px-2 py-1 hover:bg-slate-100" onClick={() => setZoom((z) => Math.max(0.5, z - 0.25))} aria-label="Alejar">
          −
        </button>
        <span className="w-12 text-center tabular-nums" aria-live="polite">{Math.round(zoom * 100)} %</span>
        <button type="button" className="rounded px-2 py-1 hover:bg-slate-100" onClick={() => setZoom((z) => Math.min(4, z + 0.25))} aria-label="Acercar">
          +
        </button>
        <button type="button" className="rounded px-2 py-1 hover:bg-slate-100" onClick={() => setRotation((r) => (r + 90) % 360)} aria-label="Girar 90°">
          ⟳
        </button>
        <button type="button" className="rounded px-2 py-1 hover:bg-slate-100" onClick={() => { setZoom(1); setRotation(0); }}>
          Ajustar
        </button>
        <a href={src} target="_blank" rel="noopener" className="ml-auto text-brand-700 hover:underline">
          Abrir original
        </a>
      </div>
      <div className="h-[75vh] overflow-auto bg-slate-100 p-2" data-testid="viewer">
        {isPdf ? (
          <PdfPages src={src} zoom={zoom} rotation={rotation} boxes={boxes} />
        ) : (
          <div className="flex justify-center">
            <div className="relative inline-block" style={{ width: `${zoom * 100}%`, transform: `rotate(${rotation}deg)`, transformOrigin: "center" }}>
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={src} alt={`Imagen de ${filename}`} className="w-full" data-testid="viewer-image" />
              <Boxes boxes={boxes.filter((b) => b.page === 1)} />
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function Boxes({ boxes }: { boxes: SourceBox[] }) {
  return (
    <>
      {boxes.map((b, i) => (
        <span
          key={i}
          title={b.label}
          className="pointer-events-none absolute rounded-sm border-2 border-amber-500 bg-amber-300/20"
          style={{ left: `${b.x * 100}%`, top: `${b.y * 100}%`, width: `${b.w * 100}%`, height: `${b.h * 100}%` }}
        />
      ))}
    </>
  );
}

type PdfDoc = { numPages: number; getPage: (n: number) => Promise<PdfPage>; destroy: () => Promise<void> };
type PdfPage = {
  getViewport: (o: { scale: number; rotation: number }) => { width: number; height: number };
  render: (o: { canvas: HTMLCanvasElement; viewport: unknown }) => { promise: Promise<void>; cancel: () => void };
};

function PdfPages({ src, zoom, rotation, boxes }: { src: string; zoom: number; rotation: number; boxes: SourceBox[] }) {
  const [doc, setDoc] = useState<PdfDoc | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    let loaded: PdfDoc | null = null;
    (async () => {
      try {
        const pdfjs = await import("pdfjs-dist");
        pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url).toString();
        loaded = (await pdfjs.getDocument({ url: src, isEvalSupported: false }).promise) as unknown as PdfDoc;
        if (cancelled) await loaded.destroy();
        else setDoc(loaded);
      } catch (e) {
        console.warn("pdf viewer: falling back to the browser's viewer", e);
        if (!cancelled) setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      void loaded?.destroy();
    };
  }, [src]);
  if (failed) {
    return (
      <object data={src} type="application/pdf" className="h-full w-full">
        <a href={src} className="text-brand-700 underline">Abrir el PDF</a>
      </object>
    );
  }
  if (!doc) return <p className="p-4 text-sm text-slate-600">Cargando el PDF…</p>;
  return (
    <div className="flex flex-col items-center gap-3" data-testid="pdf-pages" data-pages={doc.numPages}>
      {Array.from({ length: doc.numPages }, (_, i) => (
        <PdfPageCanvas key={i} doc={doc} n={i + 1} zoom={zoom} rotation={rotation} boxes={rotation === 0 ? boxes.filter((b) => b.page === i + 1) : []} />
      ))}
    </div>
  );
}

function PdfPageCanvas({ doc, n, zoom, rotation, boxes }: { doc: PdfDoc; n: number; zoom: number; rotation: number; boxes: SourceBox[] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<{ w: number; h: number } | null>(null);
  useEffect(() => {
    let task: { promise: Promise<void>; cancel: () => void } | null = null;
    let cancelled = false;
    (async () => {
      const page = await doc.getPage(n);
      if (cancelled || !canvas.current) return;
      const dpr = window.devicePixelRatio || 1;
      const css = page.getViewport({ scale: 1.4 * zoom, rotation });
      const viewport = page.getViewport({ scale: 1.4 * zoom * dpr, rotation });
      canvas.current.width = Math.floor(viewport.width);
      canvas.current.height = Math.floor(viewport.height);
      setSize({ w: css.width, h: css.height });
      task = page.render({ canvas: canvas.current, viewport });
      await task.promise.catch(() => {});
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, n, zoom, rotation]);
  return (
    <div className="relative bg-white shadow" style={size ? { width: size.w, height: size.h } : undefined}>
      <canvas ref={canvas} aria-label={`Página ${n}`} role="img" style={size ? { width: size.w, height: size.h } : undefined} />
      <Boxes boxes={boxes} />
    </div>
  );
}
