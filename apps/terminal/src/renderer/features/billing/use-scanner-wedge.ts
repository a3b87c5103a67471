import { useEffect, useRef } from 'react';
import { createWedgeDetector, DEFAULT_WEDGE_OPTIONS } from './scanner-wedge';

type Editable = HTMLInputElement | HTMLTextAreaElement;

function editableTarget(element: Element | null): Editable | null {
  return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
    ? element
    : null;
}

/** Sets an input's value the way React notices (through the native setter and an input event). */
function restoreValue(element: Editable, value: string): void {
  const prototype =
    element instanceof HTMLInputElement
      ? HTMLInputElement.prototype
      : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens for scanner bursts anywhere on the page (capture phase, so it sees keys before any
 * field does). When a burst ends in Enter, the Enter is swallowed, the field that received the
 * burst gets its earlier text back, and `onScan` gets the code.
 */
export function useScannerWedge(
  onScan: (code: string, startMs: number) => void,
  enabled = true,
): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector(DEFAULT_WEDGE_OPTIONS);
    // The focused field's value before each key of the current run, to undo a scan's typing.
    let before: ({ element: Editable; value: string } | null)[] = [];
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) {
        detector.reset();
        return;
      }
      const result = detector.push(event.key, event.timeStamp);
      if (result.kind === 'pass') {
        if (result.index === null) return;
        if (result.index === 0) before = [];
        const element = editableTarget(document.activeElement);
        before[result.index] = element === null ? null : { element, value: element.value };
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      const snapshot = before[result.startIndex];
      if (snapshot?.element.isConnected === true) restoreValue(snapshot.element, snapshot.value);
      before = [];
      onScanRef.current(result.code, event.timeStamp);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, [enabled]);
}
