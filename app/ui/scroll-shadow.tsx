import { Box } from "@mantine/core";
import { useIsomorphicEffect } from "@mantine/hooks";
import { useRef, useState, type ReactNode } from "react";

const shadow = (side: "left" | "right", shown: boolean) => ({
  position: "absolute" as const,
  top: 0,
  bottom: 0,
  [side]: 0,
  width: 18,
  pointerEvents: "none" as const,
  background: `linear-gradient(to ${side === "left" ? "right" : "left"}, rgba(0, 0, 0, 0.22), transparent)`,
  opacity: shown ? 1 : 0,
  transition: "opacity 120ms",
});

/**
 * A horizontally scrolling box that shows it scrolls: a shadow on each side that has more
 * content, and the native scrollbar. Below `minWidth` its content scrolls instead of squeezing.
 */
export function ScrollShadow({
  minWidth = 0,
  fitContent = false,
  children,
  testId,
}: {
  minWidth?: number;
  /** The content does not wrap (a nowrap table): the scrolled box is as wide as it, not only `minWidth`. */
  fitContent?: boolean;
  children: ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState({ left: false, right: false });
  // Before the browser paints the hydrated page (a layout effect): a box that scrolls is in the tab order from the
  // first moment the page runs its scripts, not one render later.
  useIsomorphicEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setEdges({ left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 });
    update();
    el.addEventListener("scroll", update, { passive: true });
    const observer = new ResizeObserver(update);
    observer.observe(el);
    // Its content too: a row that grows (a longer status after an action) can make it scroll without the box resizing.
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => {
      el.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, []);
  return (
    <Box pos="relative" data-testid={testId} data-scrolls={edges.left || edges.right ? "true" : undefined}>
      {/* While it scrolls it takes keyboard focus, so it can be scrolled without a mouse (axe: scrollable-region-focusable). */}
      <Box ref={ref} style={{ overflowX: "auto" }} tabIndex={edges.left || edges.right ? 0 : undefined}>
        {/* A wrapping table's box still grows to what cannot wrap (its min-content), so nothing sticks out of it. */}
        <Box style={{ width: fitContent ? "max-content" : "fit-content", minWidth: `max(100%, ${minWidth}px)` }}>{children}</Box>
      </Box>
      <Box aria-hidden style={shadow("left", edges.left)} />
      <Box aria-hidden style={shadow("right", edges.right)} />
    </Box>
  );
}
