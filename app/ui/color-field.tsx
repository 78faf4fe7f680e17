import { ColorInput, ColorPicker, Popover, type ColorInputProps } from "@mantine/core";
import { useState } from "react";

/**
 * A colour field: the hex value typed in Mantine's ColorInput, and a picker under it that opens
 * on focus and closes on Escape or when the field is left (Mantine's own picker ignores Escape,
 * and its sliders have no accessible names; this one names them).
 */
export function ColorField({ swatches, swatchesPerRow, format = "hex", value, onChange, onFocus, onBlur, onClick, onKeyDown, ...props }: ColorInputProps) {
  const [opened, setOpened] = useState(false);
  return (
    // withRoles={false}: the field is a text input, not a menu button (no aria-haspopup/expanded on it).
    <Popover opened={opened} onChange={setOpened} position="bottom-start" offset={5} shadow="md" closeOnEscape withRoles={false}>
      <Popover.Target>
        <ColorInput
          {...props}
          format={format}
          value={value}
          onChange={onChange}
          withPicker={false}
          onFocus={(event) => {
            setOpened(true);
            onFocus?.(event);
          }}
          onClick={(event) => {
            setOpened(true);
            onClick?.(event);
          }}
          onBlur={(event) => {
            setOpened(false);
            onBlur?.(event);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") setOpened(false);
            onKeyDown?.(event);
          }}
        />
      </Popover.Target>
      {/* Clicks in the picker keep the focus in the field, so it stays open while the colour is dragged. */}
      <Popover.Dropdown p="xs" onMouseDown={(event) => event.preventDefault()} data-testid="color-picker">
        <ColorPicker
          value={value}
          onChange={onChange}
          format={format}
          swatches={swatches}
          swatchesPerRow={swatchesPerRow}
          focusable={false}
          saturationLabel="Saturation and brightness"
          hueLabel="Hue"
          alphaLabel="Opacity"
        />
      </Popover.Dropdown>
    </Popover>
  );
}
