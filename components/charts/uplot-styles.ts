// Imported only through loadUplot(), so pages without charts never fetch this stylesheet.
import 'uplot/dist/uPlot.min.css';
