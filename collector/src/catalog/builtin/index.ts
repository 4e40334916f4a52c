import type { CatalogProduct } from '../../schema/catalog.js';
import { DOMESTIC_AV_PRODUCTS } from './av-domestic.js';
import { INTERNATIONAL_AV_PRODUCTS } from './av-international.js';
import { MICROSOFT_OFFICE_PRODUCTS } from './office-microsoft.js';
import { OTHER_OFFICE_PRODUCTS } from './office-other.js';
import { DOMESTIC_OS_PRODUCTS } from './os-domestic.js';
import { INTERNATIONAL_OS_PRODUCTS } from './os-international.js';
import { CAD_PRODUCTS } from './other-cad.js';
import { CRACK_TOOL_PRODUCTS } from './crack-tools.js';
import { GRAPHICS_PRODUCTS } from './other-graphics.js';
import { MICROSOFT_OTHER_PRODUCTS } from './other-microsoft.js';
import { SCIENCE_PRODUCTS } from './other-science.js';
import { TOOL_PRODUCTS } from './other-tools.js';
import { WINDOWS_PRODUCTS } from './windows.js';

/**
 * The built-in catalog in matching order. Within a subject the first matching rule
 * wins, so a specific product (Windows Server, Microsoft 365, an endpoint antivirus,
 * a free viewer) sits before the general one it resembles, and crack tools come first:
 * "Microsoft Toolkit" is an activator before it is anything by Microsoft.
 */
export const BUILTIN_PRODUCTS: readonly CatalogProduct[] = [
  ...CRACK_TOOL_PRODUCTS,
  ...WINDOWS_PRODUCTS,
  ...DOMESTIC_OS_PRODUCTS,
  ...INTERNATIONAL_OS_PRODUCTS,
  ...MICROSOFT_OTHER_PRODUCTS,
  ...MICROSOFT_OFFICE_PRODUCTS,
  ...OTHER_OFFICE_PRODUCTS,
  ...INTERNATIONAL_AV_PRODUCTS,
  ...DOMESTIC_AV_PRODUCTS,
  ...GRAPHICS_PRODUCTS,
  ...CAD_PRODUCTS,
  ...TOOL_PRODUCTS,
  ...SCIENCE_PRODUCTS,
];
