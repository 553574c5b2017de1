import { useEffect, useState } from 'react';

/** The join link as a QR code, drawn as one SVG path (uqr, ~4 KB, loaded with the panel). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [qr, setQr] = useState<{ d: string; size: number } | null>(null);
  useEffect(() => {
    let live = true;
    void import('uqr').then(({ encode }) => {
      const { data, size } = encode(text, { ecc: 'M', border: 2 });
      let d = '';
      data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)));
      if (live) setQr({ d, size });
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!qr) return <div className="live-qr live-qr--empty" />;
  return (
    <svg className="live-qr" viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
